// A person's presence in the roster: online (and on which panel), or when last seen.
import { useNow } from '../../state/incidentContext';
import { formatTimeAgo } from '@core/time/durations';
import './room.css';
import { useRoomT } from './roomText';
import { usePresence } from './useNetwork';

export function PresenceBadge({ personId, isMe }: { personId: string; isMe: boolean }) {
  const t = useRoomT();
  const presence = usePresence();
  const now = useNow(15_000);
  if (isMe) return null;
  const peer = presence.online.get(personId);
  if (peer) {
    const { panel } = peer;
    return (
      <span className="presence presence-online" role="img" aria-label={panel ? t('presence.onlineOn', { panel }) : t('presence.online')}>
        <span className="presence-dot" aria-hidden="true" />
        {panel ? t('presence.onlineTextOn', { panel }) : t('presence.onlineText')}
      </span>
    );
  }
  const seen = presence.lastSeen.get(personId);
  return (
    <span
      className="presence presence-offline"
      role="img"
      aria-label={seen ? t('presence.offlineSeen', { ago: formatTimeAgo(now - seen) }) : t('presence.offline')}
    >
      <span className="presence-dot" aria-hidden="true" />
      {seen ? t('presence.offlineTextSeen', { ago: formatTimeAgo(now - seen) }) : t('presence.offlineText')}
    </span>
  );
}
