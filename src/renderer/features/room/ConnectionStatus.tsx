// The room's connection at a glance in the header, and a dialog with the details and Reconnect.
// Also where this laptop's hosting of the room lives: the signaling server and the announcement
// nearby run only while the incident is open here and active; the IC and the deputy host by
// default, any member can switch it on or off, and what it hosts is told to the room (meeting points).
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import type { RoomHostingStatus } from '../../../shared/ipc';
import type { PlatformAdapter } from '../../platform';
import type { IncidentNetwork, NetworkSnapshot } from '../../sync/rooms/incidentNetwork';
import { describeDroppedPeer, type DroppedPeer } from '../../sync/rooms/peerGuard';
import { formatClockTime } from '@core/time/instants';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { useIncidentInfo, useIncidentSession, useNow } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { ConnectionHealth, describeNextTry, describeReconnecting } from './ConnectionHealth';
import { AnnounceTitleSwitch, HostedAddresses, HostingControls, useHostingByRole } from './HostingControls';
import { useConnectionActions } from '../commands/featureActions';
import { InviteDialog } from './InviteDialog';
import './room.css';
import { useDroppedPeerToasts } from './useDroppedPeerToasts';
import { useNetwork, usePresence } from './useNetwork';

/**
 * The header's words for the connection; `announce` is what the live region says (no countdown,
 * so a screen reader hears each new attempt, not each second).
 */
function describe(snapshot: NetworkSnapshot, now: number): { text: string; announce: string; tone: 'ok' | 'warn' | 'off' | 'idle' } {
  const plain = (text: string, tone: 'ok' | 'warn' | 'off' | 'idle') => ({ text, announce: text, tone });
  const { status } = snapshot;
  if (!snapshot.room || !status) return plain('Not shared', 'idle');
  if (status.paused) return plain('Offline (paused)', 'off');
  // No signaling address at all: nothing is wrong with the network, the room just is not reachable yet.
  if (status.servers.length === 0 && status.peers === 0) return plain('Local only', 'idle');
  if (status.offline) {
    const reconnecting = describeReconnecting(status, now);
    if (reconnecting) return { text: reconnecting, announce: reconnecting.replace(/ in \d+ s$/, ''), tone: 'off' };
    return plain('Connecting…', 'off');
  }
  if (status.peers === 0) return plain('Waiting for peers', 'warn');
  return plain(`${status.peers} ${status.peers === 1 ? 'peer' : 'peers'}${status.synced ? '' : ', syncing'}`, 'ok');
}

const NO_DROPS: readonly DroppedPeer[] = [];

/** A resolved or closed incident is a record: nothing of it is hosted any more. */
function isOver(phase: string | undefined): boolean {
  return phase === 'resolved' || phase === 'closed';
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Hosts the room on this laptop's signaling server (main starts it if needed) when this laptop
 * hosts it for its role, and hands the addresses (none when it does not host) to the room, which
 * tells its peers and joins them itself without dropping a connection.
 */
async function ensureHosted(
  platform: PlatformAdapter,
  network: IncidentNetwork,
  room: { roomId: string; title: string; hostName: string },
): Promise<void> {
  const { signalingUrls } = await platform.hostRoom({ ...room, role: network.hostingRoleNow() });
  network.setHostedAddresses(signalingUrls);
}

/**
 * What this laptop hosts is decided by useHostingByRole (HostingControls.tsx); where it hosts
 * follows main: every change main reports (a new address after a network change or a wake, the
 * server moved, hosting switched on or off) goes to the room, which tells its peers and joins the
 * new addresses itself, without dropping a connection.
 */
function useHostedAddressesFollowMain(): void {
  const { platform } = useServices();
  const { network } = useIncidentSession();
  const roomId = useNetwork().room?.roomId ?? null;
  useEffect(() => {
    if (!platform.onHostingChanged || roomId === null) return;
    return platform.onHostingChanged((change) => {
      network.setHostedAddresses(change.rooms.find((room) => room.roomId === roomId)?.addresses ?? []);
    });
  }, [platform, network, roomId]);
}

export function ConnectionStatus() {
  useHostingByRole();
  useHostedAddressesFollowMain();
  const snapshot = useNetwork();
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [inviteOpen, setInviteOpen] = useState(false);
  useConnectionActions(setDetailsOpen, setInviteOpen);
  useDroppedPeerToasts(snapshot.status?.droppedPeers ?? NO_DROPS);
  return (
    <>
      <ConnectionButton snapshot={snapshot} onOpen={() => setDetailsOpen(true)} />
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

/** Its own component, so that only it ticks each second for the reconnect countdown. */
function ConnectionButton({ snapshot, onOpen }: { snapshot: NetworkSnapshot; onOpen: () => void }) {
  const now = useNow(1000);
  const { text, announce, tone } = describe(snapshot, now);
  return (
    <button
      type="button"
      className={`connection connection-${tone}`}
      onClick={onOpen}
      aria-label={`Connection: ${text}`}
      title="Room connection"
    >
      <span className="connection-dot" aria-hidden="true" />
      <span aria-hidden="true">{text}</span>
      <span role="status" className="visually-hidden">
        {announce}
      </span>
    </button>
  );
}

/** One signaling server's line in the dialog; a server that is down says when it is tried next. */
function ServerState({ server }: { server: NonNullable<NetworkSnapshot['status']>['servers'][number] }) {
  const now = useNow(1000);
  if (server.connected) return <>reachable</>;
  if (server.failures === 0) return <>connecting…</>;
  return (
    <>
      unreachable ({server.failures} {server.failures === 1 ? 'attempt' : 'attempts'}), {describeNextTry(server, now)}
    </>
  );
}

/** Whose laptop a signaling address is, when known: the room's meeting points. */
function HostedBy({ host }: { host: ReturnType<IncidentNetwork['hostOf']> }) {
  if (!host) return null;
  const whose = host.kind === 'self' ? 'this laptop' : host.name ? `${host.name}’s laptop` : 'a member’s laptop';
  return <span className="field-hint"> · {whose}</span>;
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
                ? status.servers.some((server) => server.failures > 0)
                  ? 'Reconnecting: no signaling server and no peer reachable yet. Sitrep keeps trying each server below, and at once when the network comes back. You can keep working; everything merges when peers meet again.'
                  : 'Offline: no signaling server and no peer reachable. You can keep working; everything merges when peers meet again.'
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
          <ConnectionHealth />
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
                    <span className="mono">{s.url}</span>: <ServerState server={s} />
                    <HostedBy host={network.hostOf(s.url)} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {snapshot.room?.hosted && <HostingDetails roomId={snapshot.room.roomId} hostingProblem={snapshot.hostingProblem} />}
          <HostingControls />
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

/** This laptop's signaling server for the room: where it listens, and the commander's switches. */
function HostingDetails({ roomId, hostingProblem }: { roomId: string; hostingProblem: string | null }) {
  const { platform } = useServices();
  const { network, me } = useIncidentSession();
  const snapshot = useNetwork();
  const incident = useIncidentInfo();
  const over = isOver(incident?.phase);
  const [status, setStatus] = useState<RoomHostingStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Asked again whenever the room's connection changes (a reconnect may have started hosting).
  const [asked, setAsked] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: none of these is read inside; each change is a reason to ask main again.
  useEffect(() => {
    if (!platform.lanAvailable) return;
    let live = true;
    platform.hostingStatus(roomId).then(
      (next) => live && setStatus(next),
      (error: unknown) => live && setProblem(`Could not read the hosting state: ${describeError(error)}`),
    );
    return () => {
      live = false;
    };
  }, [platform, roomId, snapshot, over, asked]);

  if (!platform.lanAvailable) {
    return (
      <>
        <dt>Hosting</dt>
        <dd>This browser does not host signaling; the Sitrep desktop app hosts it on the local network.</dd>
      </>
    );
  }

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
      setAsked((n) => n + 1);
    }
  };
  const stopHosting = () => act(() => platform.setRoomHosting({ roomId, hosting: false }));
  const startHosting = () =>
    act(async () => {
      await platform.setRoomHosting({ roomId, hosting: true });
      await ensureHosted(platform, network, { roomId, title: incident?.title ?? 'Incident', hostName: me.name });
    });
  const announceTitle = (on: boolean) => act(() => platform.setRoomHosting({ roomId, announceTitle: on }));

  return (
    <>
      <dt>Hosting</dt>
      <dd className="hosting">
        {status === null ? (
          <span role="status">Checking…</span>
        ) : status.hosting ? (
          <>
            <HostedAddresses addresses={status.addresses} />
            <div className="hosting-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={stopHosting}>
                Stop hosting
              </button>
            </div>
            <AnnounceTitleSwitch status={status} busy={busy} onChange={(on) => void announceTitle(on)} />
          </>
        ) : over ? (
          <p className="hosting-state">
            Not hosting: the incident is {incident?.phase}, so this laptop runs no signaling server for it and does not announce it. Reopen
            the incident to host it again.
          </p>
        ) : !status.hostingEnabled && status.hostingChoice === 'role' ? (
          <>
            <p className="hosting-state">
              Not hosting: the incident commander’s and the deputy’s laptops host the room by default. Host it here too, so that responders
              can still join through this laptop when theirs are away.
            </p>
            <div className="hosting-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={startHosting}>
                Start hosting
              </button>
            </div>
          </>
        ) : !status.hostingEnabled ? (
          <>
            <p className="hosting-state">
              Not hosting: you stopped hosting this room. Peers already connected stay connected; new responders need another signaling
              server.
            </p>
            <div className="hosting-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={startHosting}>
                Start hosting
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="hosting-state">Not hosting.</p>
            <div className="hosting-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={startHosting}>
                Start hosting
              </button>
            </div>
          </>
        )}
        {(problem ?? (status?.hosting ? null : hostingProblem)) && (
          <p className="warn-text" role="alert">
            {problem ?? hostingProblem}
          </p>
        )}
      </dd>
    </>
  );
}
