// Notices when the laptop's own addresses change while it hosts: a move from Wi-Fi to a phone's
// hotspot, a new DHCP lease, a VPN coming up, a wake from sleep on another network. The addresses
// are read on an interval, and at once when asked (main asks on resume and unlock-screen), and a
// change is reported once. Plain Node: the reader and the timers are injectable for tests.
import type { LanLog } from './settings';

/** Often enough that peers hear of a new address within seconds; reading the interfaces is cheap. */
export const ADDRESS_CHECK_INTERVAL_MS = 3_000;

export interface AddressWatcherOptions {
  /** The addresses now, in their advertised order; may throw (the check then keeps the last ones). */
  readonly read: () => readonly string[];
  /** Called once per change, with the new addresses and the ones before. */
  readonly onChange: (addresses: readonly string[], before: readonly string[], reason: string) => void;
  readonly intervalMs?: number;
  readonly log?: LanLog;
}

export interface AddressWatcher {
  /** Reads the addresses now; reports and returns true when they changed. */
  check(reason: string): boolean;
  /** The addresses as last read. */
  current(): readonly string[];
  /** Stops the interval; later checks do nothing. Safe to call twice. */
  stop(): void;
}

export function watchAddresses(options: AddressWatcherOptions): AddressWatcher {
  const intervalMs = options.intervalMs ?? ADDRESS_CHECK_INTERVAL_MS;
  let stopped = false;
  // A failing read is logged once until a read works again, not every few seconds.
  let failing = false;

  const readNow = (): readonly string[] | null => {
    try {
      const addresses = [...options.read()];
      failing = false;
      return addresses;
    } catch (error) {
      if (!failing) options.log?.('warn', `LAN host: could not read this computer's network addresses: ${describe(error)}`);
      failing = true;
      return null;
    }
  };

  let addresses: readonly string[] = readNow() ?? [];

  const check = (reason: string): boolean => {
    if (stopped) return false;
    const next = readNow();
    if (next === null || sameList(next, addresses)) return false;
    const before = addresses;
    addresses = next;
    try {
      options.onChange(next, before, reason);
    } catch (error) {
      options.log?.('error', `LAN host: reacting to new network addresses failed: ${describe(error)}`);
    }
    return true;
  };

  const timer = setInterval(() => check('interval'), intervalMs);
  // The watcher alone never keeps the process alive (Node's timers have unref; a browser's do not).
  (timer as { unref?: () => void }).unref?.();

  return {
    check,
    current: () => addresses,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
