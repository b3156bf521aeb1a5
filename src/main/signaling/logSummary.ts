// The signaling server's own log, kept short under attack: events a stranger can cause (refusals,
// drops, flooders) are counted and written as one summary line per interval, never one line each.

export type SummaryEvent =
  | 'origin-refused'
  | 'connection-refused-address'
  | 'connection-refused-full'
  | 'subscription-refused'
  | 'malformed-message'
  | 'oversized-message'
  | 'rate-limited-message'
  | 'flooder-closed'
  | 'lagging-receiver-skipped'
  | 'timed-out';

const EVENT_TEXT: Readonly<Record<SummaryEvent, string>> = {
  'origin-refused': 'web page connection(s) from a foreign origin refused',
  'connection-refused-address': 'connection(s) refused: too many from one address',
  'connection-refused-full': 'connection(s) refused: server full',
  'subscription-refused': 'subscription(s) refused',
  'malformed-message': 'malformed message(s) dropped',
  'oversized-message': 'oversized message(s) (sender disconnected)',
  'rate-limited-message': 'message(s) over the sender’s rate dropped',
  'flooder-closed': 'flooding connection(s) closed',
  'lagging-receiver-skipped': 'message(s) not delivered to a receiver that was behind',
  'timed-out': 'connection(s) that stopped answering closed',
};

/** How many sender addresses a summary line names; the rest are only counted. */
const ADDRESSES_NAMED = 3;

export class LogSummary {
  private counts = new Map<SummaryEvent, number>();
  private byAddress = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly write: (line: string) => void,
  ) {}

  note(event: SummaryEvent, address: string, count = 1): void {
    this.counts.set(event, (this.counts.get(event) ?? 0) + count);
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + count);
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Writes what was counted since the last line, if anything; used on close too. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.counts.size === 0) return;
    const parts = [...this.counts].map(([event, count]) => `${count} ${EVENT_TEXT[event]}`);
    const senders = [...this.byAddress].sort((a, b) => b[1] - a[1]);
    const named = senders.slice(0, ADDRESSES_NAMED).map(([address, count]) => `${address} (${count})`);
    const more = senders.length > ADDRESSES_NAMED ? ` and ${senders.length - ADDRESSES_NAMED} more` : '';
    this.write(`Signaling server: ${parts.join('; ')}. From ${named.join(', ')}${more}.`);
    this.counts = new Map();
    this.byAddress = new Map();
  }

  stop(): void {
    this.flush();
  }
}
