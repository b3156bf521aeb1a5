// A person's presence in the roster: online (and on which panel), or when last seen.
import { useNow } from '../../state/incidentContext';
import { formatTimeAgo } from '@core/time/durations';
import './room.css';
import { usePresence } from './useNetwork';

export function PresenceBadge({ personId, isMe }: { personId: string; isMe: boolean }) {
  const presence = usePresence();
  const now = useNow(15_000);
  if (isMe) return null;
  const peer = presence.online.get(personId);
  if (peer) {
    const where = peer.panel ? ` · ${peer.panel}` : '';
    return (
      <span className="presence presence-online" role="img" aria-label={`Online${peer.panel ? `, on ${peer.panel}` : ''}`}>
        <span className="presence-dot" aria-hidden="true" />
        online{where}
      </span>
    );
  }
  const seen = presence.lastSeen.get(personId);
  return (
    <span
      className="presence presence-offline"
      role="img"
      aria-label={seen ? `Offline, last seen ${formatTimeAgo(now - seen)}` : 'Offline'}
    >
      <span className="presence-dot" aria-hidden="true" />
      {seen ? `offline · seen ${formatTimeAgo(now - seen)}` : 'offline'}
    </span>
  );
}
