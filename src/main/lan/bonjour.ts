// The real mDNS responder: bonjour-service behind the small MdnsResponder interface the LAN host uses.
import { Bonjour } from 'bonjour-service';
import type { EventEmitter } from 'node:events';
import type { MdnsBrowser, MdnsPublication, MdnsResponder } from './mdns';
import type { LanLog } from './settings';

/** How long goodbye packets may take before quitting goes ahead without them. */
const GOODBYE_TIMEOUT_MS = 1_000;

export function createBonjourResponder(log: LanLog): MdnsResponder {
  // bonjour-service's default error callback throws, which would take the main process down
  // when, say, a response cannot be sent after the network changes.
  const bonjour = new Bonjour({}, (error: unknown) => log('warn', `Local discovery: ${describe(error)}`));
  // The multicast socket reports EADDRINUSE/EACCES on port 5353 as an 'error' event that
  // bonjour-service does not listen to; an unheard 'error' event would crash the process.
  const socketEvents = (bonjour as unknown as { server?: { mdns?: EventEmitter } }).server?.mdns;
  socketEvents?.on('error', (error: unknown) => log('warn', `Local discovery cannot use the network: ${describe(error)}`));

  return {
    publish(announcement): MdnsPublication {
      const service = bonjour.publish({
        name: announcement.name,
        type: announcement.type,
        port: announcement.port,
        txt: { ...announcement.txt },
        // The name holds the random room id, so a name clash means the same room is already there.
        probe: false,
        disableIPv6: true,
      });
      return {
        stop: () =>
          withTimeout(
            new Promise<void>((resolve) => {
              (service.stop as (callback: () => void) => void)(() => resolve());
            }),
          ),
      };
    },
    find(type): MdnsBrowser {
      const browser = bonjour.find({ type });
      return {
        get services() {
          return browser.services as readonly unknown[];
        },
        update: () => browser.update(),
        stop: () => browser.stop(),
      };
    },
    unpublishAll: () => withTimeout(new Promise<void>((resolve) => bonjour.unpublishAll(() => resolve()))),
    destroy: () => withTimeout(new Promise<void>((resolve) => bonjour.destroy(() => resolve()))),
  };
}

function withTimeout(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, GOODBYE_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
