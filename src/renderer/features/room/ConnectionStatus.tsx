// The room's connection at a glance in the header, and a dialog with the details and Reconnect.
import { useState } from 'react';
import type { NetworkSnapshot } from '../../sync/rooms/incidentNetwork';
import { describeDroppedPeer, type DroppedPeer } from '../../sync/rooms/peerGuard';
import { formatClockTime } from '@core/time/instants';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { InviteDialog } from './InviteDialog';
import './room.css';
import { useDroppedPeerToasts } from './useDroppedPeerToasts';
import { useNetwork, usePresence } from './useNetwork';

function describe(snapshot: NetworkSnapshot): { text: string; tone: 'ok' | 'warn' | 'off' | 'idle' } {
  const { status } = snapshot;
  if (!snapshot.room || !status) return { text: 'Not shared', tone: 'idle' };
  if (status.paused) return { text: 'Offline (paused)', tone: 'off' };
  // No signaling address at all: nothing is wrong with the network, the room just is not reachable yet.
  if (status.servers.length === 0 && status.peers === 0) return { text: 'Local only', tone: 'idle' };
  if (status.offline) return { text: 'Offline', tone: 'off' };
  if (status.peers === 0) return { text: 'Waiting for peers', tone: 'warn' };
  return { text: `${status.peers} ${status.peers === 1 ? 'peer' : 'peers'}${status.synced ? '' : ', syncing'}`, tone: 'ok' };
}

const NO_DROPS: readonly DroppedPeer[] = [];

export function ConnectionStatus() {
  const snapshot = useNetwork();
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [inviteOpen, setInviteOpen] = useState(false);
  const { text, tone } = describe(snapshot);
  useDroppedPeerToasts(snapshot.status?.droppedPeers ?? NO_DROPS);
  return (
    <>
      <button
        type="button"
        className={`connection connection-${tone}`}
        onClick={() => setDetailsOpen(true)}
        aria-label={`Connection: ${text}`}
        title="Room connection"
      >
        <span className="connection-dot" aria-hidden="true" />
        <span role="status">{text}</span>
      </button>
      <button type="button" className="btn btn-small" onClick={() => setInviteOpen(true)}>
        Invite
      </button>
      <ConnectionDialog
        open={detailsOpen}
        onOpenChange={setDetailsOpen}
        onInvite={() => {
          setDetailsOpen(false);
          setInviteOpen(true);
        }}
      />
      <InviteDialog open={inviteOpen} onOpenChange={setInviteOpen} />
    </>
  );
}

function ConnectionDialog({
  open,
  onOpenChange,
  onInvite,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onInvite: () => void;
}) {
  const { network } = useIncidentSession();
  const snapshot = useNetwork();
  const presence = usePresence();
  const openNetworkSettings = useUiStore((s) => s.setNetworkSettingsOpen);
  const { status } = snapshot;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Room connection" wide>
      {!status ? (
        <p>This incident is not shared: it lives on this computer only. Invite responders to open a room.</p>
      ) : (
        <dl className="connection-details">
          <dt>State</dt>
          <dd>
            {status.paused
              ? 'Offline by choice: your edits are kept here and merge when you reconnect.'
              : status.offline
                ? 'Offline: no signaling server and no peer reachable. You can keep working; everything merges when peers meet again.'
                : status.peers > 0
                  ? status.synced
                    ? 'Connected and in sync'
                    : 'Connected, syncing…'
                  : 'Reachable, waiting for peers'}
          </dd>
          <dt>Peers connected</dt>
          <dd>
            <output aria-label="Peers connected">{status.peers}</output>
          </dd>
          <dt>People online</dt>
          <dd>{presence.online.size === 0 ? 'Nobody else' : [...presence.online.values()].map((p) => p.name).join(', ')}</dd>
          <dt>Signaling</dt>
          <dd>
            {status.servers.length === 0 ? (
              'No signaling address configured'
            ) : (
              <ul className="plain-list">
                {status.servers.map((s) => (
                  <li key={s.url}>
                    <span className="mono">{s.url}</span>:{' '}
                    {s.connected ? 'reachable' : s.failures > 0 ? `unreachable (${s.failures} attempts)` : 'connecting…'}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {snapshot.hostingProblem && (
            <>
              <dt>Hosting</dt>
              <dd className="warn-text">{snapshot.hostingProblem}</dd>
            </>
          )}
          {status.foreignSignals > 0 && (
            <>
              <dt>Refused</dt>
              <dd className="warn-text">
                {status.foreignSignals} signaling message(s) from someone without this room’s secret were ignored.
              </dd>
            </>
          )}
          {status.droppedPeers.length > 0 && (
            <>
              <dt>Dropped</dt>
              <dd className="warn-text">
                <ul className="plain-list" aria-label="Dropped peers">
                  {status.droppedPeers.map((peer) => (
                    <li key={peer.peerId}>
                      {describeDroppedPeer(peer)} at {formatClockTime(peer.at)}; it cannot reconnect this session.
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {presence.rejected > 0 && (
            <>
              <dt>Ignored</dt>
              <dd className="warn-text">{presence.rejected} presence message(s) from a peer did not fit and were ignored.</dd>
            </>
          )}
        </dl>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => openNetworkSettings(true)}>
          Network settings
        </button>
        <button type="button" className="btn" onClick={onInvite}>
          Invite responders
        </button>
        {status && !status.paused && (
          <button type="button" className="btn" onClick={() => network.disconnect()}>
            Go offline
          </button>
        )}
        {status && (
          <button type="button" className="btn" onClick={() => network.reconnect()}>
            Reconnect
          </button>
        )}
        <DialogClose asChild>
          <button type="button" className="btn btn-primary">
            Close
          </button>
        </DialogClose>
      </div>
    </Dialog>
  );
}
