// The health of this computer's connections to peers, in the room's connection dialog: how many
// are being set up, which keep failing (and when the next try is), which were given up on, and
// signaling refused as replayed or from a clock too far off. Rows of the dialog's <dl>.
import { formatClockTime } from '@core/time/instants';
import type { RoomStatus, SignalingServerStatus } from '../../sync/rooms/roomManager';
import { useNow } from '../../state/incidentContext';
import { englishRoomT, type RoomT, useRoomT } from './roomText';
import { useNetwork } from './useNetwork';

/** What the dialog says about failing connections, or null when none fail; `now` for the countdown. */
export function describeFailingConnections(status: RoomStatus, now: number, t: RoomT = englishRoomT()): string | null {
  const parts: string[] = [];
  if (status.failingPeers > 0) {
    const count = status.failingPeers;
    parts.push(
      status.nextRetryAt === null
        ? t('health.failingNow', { count })
        : t('health.failingRetrying', { count, seconds: Math.max(1, Math.ceil((status.nextRetryAt - now) / 1000)) }),
    );
  }
  if (status.gaveUpPeers > 0) parts.push(t('health.gaveUp', { count: status.gaveUpPeers }));
  if (parts.length > 0 && status.lastFailure) parts.push(t('health.lastFailure', { time: formatClockTime(status.lastFailure.at) }));
  return parts.length > 0 ? parts.join(' ') : null;
}

/** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th… 21st (in English; each language writes its own). */
export function ordinal(n: number, t: RoomT = englishRoomT()): string {
  return t('health.ordinal', { n });
}

/** "3rd try in 8 s" for one signaling server that is down, or "2nd try now" while an attempt is under way. */
export function describeNextTry(server: SignalingServerStatus, now: number, t: RoomT = englishRoomT()): string {
  const attempt = server.failures + 1;
  if (server.nextAttemptAt === null || server.nextAttemptAt <= now) return t('health.nextTryNow', { attempt });
  return t('health.nextTryIn', { attempt, seconds: Math.max(1, Math.ceil((server.nextAttemptAt - now) / 1000)) });
}

/** The signaling server that is down and tried soonest while the room is offline and reconnecting, or null. */
function soonestDown(status: RoomStatus): SignalingServerStatus | null {
  if (status.paused || !status.offline || status.servers.length === 0) return null;
  const down = status.servers.filter((server) => !server.connected && server.failures > 0);
  if (down.length === 0) return null;
  return down.reduce((a, b) => ((a.nextAttemptAt ?? 0) <= (b.nextAttemptAt ?? 0) ? a : b));
}

/**
 * What the header says while no signaling server and no peer is reachable but the room keeps
 * trying ("Reconnecting, 3rd try in 8 s": the server tried soonest), or null when that is not
 * the case (connected, paused, nothing to try, or still on the first attempt).
 */
export function describeReconnecting(status: RoomStatus, now: number, t: RoomT = englishRoomT()): string | null {
  const soonest = soonestDown(status);
  return soonest === null ? null : t('status.reconnecting', { next: describeNextTry(soonest, now, t) });
}

/** The same without the countdown ("Reconnecting, 3rd try"), for the live region: each attempt is news, each second is not. */
export function announceReconnecting(status: RoomStatus, t: RoomT = englishRoomT()): string | null {
  const soonest = soonestDown(status);
  return soonest === null ? null : t('status.reconnectingAnnounce', { attempt: soonest.failures + 1 });
}

/** What the dialog says about signaling refused for its freshness proof, or null. */
export function describeRefusedSignals(status: RoomStatus, t: RoomT = englishRoomT()): string | null {
  const { replayedSignals: replayed, staleSignals: stale } = status;
  if (replayed > 0 && stale > 0) return t('health.replayedAndStale', { replayed, stale });
  if (replayed > 0) return t('health.replayed', { count: replayed });
  if (stale > 0) return t('health.stale', { count: stale });
  return null;
}

export function ConnectionHealth() {
  const t = useRoomT();
  const { status } = useNetwork();
  if (!status || status.paused) return null;
  const refused = describeRefusedSignals(status, t);
  const refusingServers = status.servers.filter((server) => server.refused);
  return (
    <>
      <dt>{t('health.connecting')}</dt>
      <dd>
        <output aria-label={t('health.connectionsOpening')}>{status.pendingConnections}</output>
      </dd>
      {refusingServers.length > 0 && (
        <>
          <dt>{t('health.refusedBy')}</dt>
          <dd className="warn-text">
            <ul className="plain-list" aria-label={t('health.serversRefusing')}>
              {refusingServers.map((server) => (
                <li key={server.url}>
                  <span className="mono">{server.url}</span>: {t('health.serverRefused', { reason: server.refused })}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {(status.failingPeers > 0 || status.gaveUpPeers > 0) && <FailingConnections status={status} />}
      {refused && (
        <>
          <dt>{t('health.replays')}</dt>
          <dd className="warn-text">{refused}</dd>
        </>
      )}
    </>
  );
}

/** Its own component, so that only it ticks each second for the countdown. */
function FailingConnections({ status }: { status: RoomStatus }) {
  const t = useRoomT();
  const now = useNow(1000);
  return (
    <>
      <dt>{t('health.failing')}</dt>
      <dd className="warn-text">
        <output aria-label={t('health.failingConnections')}>{describeFailingConnections(status, now, t)}</output>
      </dd>
    </>
  );
}
