// The health of this computer's connections to peers, in the room's connection dialog: how many
// are being set up, which keep failing (and when the next try is), which were given up on, and
// signaling refused as replayed or from a clock too far off. Rows of the dialog's <dl>.
import { formatClockTime } from '@core/time/instants';
import type { RoomStatus, SignalingServerStatus } from '../../sync/rooms/roomManager';
import { useNow } from '../../state/incidentContext';
import { useNetwork } from './useNetwork';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What the dialog says about failing connections, or null when none fail; `now` for the countdown. */
export function describeFailingConnections(status: RoomStatus, now: number): string | null {
  const parts: string[] = [];
  if (status.failingPeers > 0) {
    const next =
      status.nextRetryAt === null ? 'trying again now' : `retrying in ${Math.max(1, Math.ceil((status.nextRetryAt - now) / 1000))} s`;
    parts.push(`Connections to ${plural(status.failingPeers, 'peer', 'peers')} keep failing; ${next}.`);
  }
  if (status.gaveUpPeers > 0) {
    parts.push(
      `Gave up on ${plural(status.gaveUpPeers, 'peer', 'peers')} after repeated failures; ${status.gaveUpPeers === 1 ? 'it is' : 'they are'} tried again when ${status.gaveUpPeers === 1 ? 'it reconnects' : 'they reconnect'}, or use Reconnect.`,
    );
  }
  if (parts.length > 0 && status.lastFailure) parts.push(`The last failed at ${formatClockTime(status.lastFailure.at)}.`);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th… 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "3rd try in 8 s" for one signaling server that is down, or "2nd try now" while an attempt is under way. */
export function describeNextTry(server: SignalingServerStatus, now: number): string {
  const next = server.failures + 1;
  if (server.nextAttemptAt === null || server.nextAttemptAt <= now) return `${ordinal(next)} try now`;
  return `${ordinal(next)} try in ${Math.max(1, Math.ceil((server.nextAttemptAt - now) / 1000))} s`;
}

/**
 * What the header says while no signaling server and no peer is reachable but the room keeps
 * trying ("Reconnecting, 3rd try in 8 s": the server tried soonest), or null when that is not
 * the case (connected, paused, nothing to try, or still on the first attempt).
 */
export function describeReconnecting(status: RoomStatus, now: number): string | null {
  if (status.paused || !status.offline || status.servers.length === 0) return null;
  const down = status.servers.filter((server) => !server.connected && server.failures > 0);
  if (down.length === 0) return null;
  const soonest = down.reduce((a, b) => ((a.nextAttemptAt ?? 0) <= (b.nextAttemptAt ?? 0) ? a : b));
  return `Reconnecting, ${describeNextTry(soonest, now)}`;
}

/** What the dialog says about signaling refused for its freshness proof, or null. */
export function describeRefusedSignals(status: RoomStatus): string | null {
  const parts: string[] = [];
  if (status.replayedSignals > 0)
    parts.push(`${plural(status.replayedSignals, 'signaling message', 'signaling messages')} received twice (replayed)`);
  if (status.staleSignals > 0) {
    parts.push(
      `${plural(status.staleSignals, 'signaling message', 'signaling messages')} sent more than 2 minutes from this computer’s clock (replayed, or a laptop whose clock is wrong)`,
    );
  }
  return parts.length > 0 ? `Ignored ${parts.join(' and ')}.` : null;
}

export function ConnectionHealth() {
  const { status } = useNetwork();
  if (!status || status.paused) return null;
  const refused = describeRefusedSignals(status);
  const refusingServers = status.servers.filter((server) => server.refused);
  return (
    <>
      <dt>Connecting</dt>
      <dd>
        <output aria-label="Connections opening">{status.pendingConnections}</output>
      </dd>
      {refusingServers.length > 0 && (
        <>
          <dt>Refused by</dt>
          <dd className="warn-text">
            <ul className="plain-list" aria-label="Servers refusing this room">
              {refusingServers.map((server) => (
                <li key={server.url}>
                  <span className="mono">{server.url}</span>: {server.refused} Peers on other servers can still connect; Reconnect tries
                  again.
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {(status.failingPeers > 0 || status.gaveUpPeers > 0) && <FailingConnections status={status} />}
      {refused && (
        <>
          <dt>Replays</dt>
          <dd className="warn-text">{refused}</dd>
        </>
      )}
    </>
  );
}

/** Its own component, so that only it ticks each second for the countdown. */
function FailingConnections({ status }: { status: RoomStatus }) {
  const now = useNow(1000);
  return (
    <>
      <dt>Failing</dt>
      <dd className="warn-text">
        <output aria-label="Failing connections">{describeFailingConnections(status, now)}</output>
      </dd>
    </>
  );
}
