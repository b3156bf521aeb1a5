// A joined incident before its first sync: nothing to show yet but the way to the room.
import { useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { useNetwork } from './useNetwork';

export function WaitingForRoom() {
  const { network } = useIncidentSession();
  const snapshot = useNetwork();
  const goHome = useUiStore((s) => s.goHome);
  const status = snapshot.status;
  return (
    <div className="home">
      <div className="empty-state" role="status" aria-label="Waiting for the room">
        <h2>Waiting for the incident to arrive</h2>
        {!status && <p>This incident has no room and nothing declared yet.</p>}
        {status && status.signaling === 'unreachable' && (
          <p>The signaling server in the join code cannot be reached. Check that you are on the same network as the incident commander.</p>
        )}
        {status && status.signaling !== 'unreachable' && status.peers === 0 && <p>Looking for the incident commander’s laptop…</p>}
        {status && status.peers > 0 && <p>Connected; receiving the incident…</p>}
        <div className="item-actions" style={{ justifyContent: 'center' }}>
          {status && (
            <button type="button" className="btn" onClick={() => network.reconnect()}>
              Reconnect
            </button>
          )}
          <button type="button" className="btn" onClick={goHome}>
            Back to incidents
          </button>
        </div>
      </div>
    </div>
  );
}
