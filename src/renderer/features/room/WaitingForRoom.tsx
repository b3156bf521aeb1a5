// A joined incident before its first sync: nothing to show yet but the way to the room.
import { useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { useRoomT } from './roomText';
import { useNetwork } from './useNetwork';

export function WaitingForRoom() {
  const t = useRoomT();
  const { network } = useIncidentSession();
  const snapshot = useNetwork();
  const goHome = useUiStore((s) => s.goHome);
  const status = snapshot.status;
  return (
    <div className="home">
      <div className="empty-state" role="status" aria-label={t('waiting.label')}>
        <h2>{t('waiting.title')}</h2>
        {!status && <p>{t('waiting.noRoom')}</p>}
        {status && status.signaling === 'unreachable' && <p>{t('waiting.unreachable')}</p>}
        {status && status.signaling !== 'unreachable' && status.peers === 0 && <p>{t('waiting.looking')}</p>}
        {status && status.peers > 0 && <p>{t('waiting.receiving')}</p>}
        <div className="item-actions" style={{ justifyContent: 'center' }}>
          {status && (
            <button type="button" className="btn" onClick={() => network.reconnect()}>
              {t('waiting.reconnect')}
            </button>
          )}
          <button type="button" className="btn" onClick={goHome}>
            {t('waiting.back')}
          </button>
        </div>
      </div>
    </div>
  );
}
