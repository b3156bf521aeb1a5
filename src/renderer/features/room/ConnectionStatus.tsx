// The room's connection at a glance in the header, and a dialog with the details and Reconnect.
// Also where this laptop's hosting of the room lives: the signaling server and the announcement
// nearby run only while the incident is open here and active; the IC and the deputy host by
// default, any member can switch it on or off, and what it hosts is told to the room (meeting points).
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import type { RoomHostingStatus } from '../../../shared/ipc';
import type { PlatformAdapter } from '../../platform';
import type { IncidentNetwork, NetworkSnapshot } from '../../sync/rooms/incidentNetwork';
import type { DroppedPeer } from '../../sync/rooms/peerGuard';
import { formatClockTime } from '@core/time/instants';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { useIncidentInfo, useIncidentSession, useNow } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { announceReconnecting, ConnectionHealth, describeNextTry, describeReconnecting } from './ConnectionHealth';
import { AnnounceTitleSwitch, HostedAddresses, HostingControls, useHostingByRole } from './HostingControls';
import { useConnectionActions } from '../commands/featureActions';
import { InviteDialog } from './InviteDialog';
import { useT } from '../../i18n';
import './room.css';
import { useDroppedPeerToasts } from './useDroppedPeerToasts';
import { droppedPeerText, errorText, joinNames, type RoomT, useRoomT } from './roomText';
import { useNetwork, usePresence } from './useNetwork';

/**
 * The header's words for the connection; `announce` is what the live region says (no countdown,
 * so a screen reader hears each new attempt, not each second).
 */
function describe(
  snapshot: NetworkSnapshot,
  now: number,
  t: RoomT,
): { text: string; announce: string; tone: 'ok' | 'warn' | 'off' | 'idle' } {
  const plain = (text: string, tone: 'ok' | 'warn' | 'off' | 'idle') => ({ text, announce: text, tone });
  const { status } = snapshot;
  if (!snapshot.room || !status) return plain(t('status.notShared'), 'idle');
  if (status.paused) return plain(t('status.paused'), 'off');
  // No signaling address at all: nothing is wrong with the network, the room just is not reachable yet.
  if (status.servers.length === 0 && status.peers === 0) return plain(t('status.localOnly'), 'idle');
  if (status.offline) {
    const reconnecting = describeReconnecting(status, now, t);
    if (reconnecting) return { text: reconnecting, announce: announceReconnecting(status, t) ?? reconnecting, tone: 'off' };
    return plain(t('status.connecting'), 'off');
  }
  if (status.peers === 0) return plain(t('status.waiting'), 'warn');
  return plain(t(status.synced ? 'status.peers' : 'status.peersSyncing', { count: status.peers }), 'ok');
}

const NO_DROPS: readonly DroppedPeer[] = [];

/** A resolved or closed incident is a record: nothing of it is hosted any more. */
function isOver(phase: string | undefined): boolean {
  return phase === 'resolved' || phase === 'closed';
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
  const t = useRoomT();
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
        {t('status.invite')}
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
  const t = useRoomT();
  const now = useNow(1000);
  const { text, announce, tone } = describe(snapshot, now, t);
  return (
    <button
      type="button"
      className={`connection connection-${tone}`}
      onClick={onOpen}
      aria-label={t('status.buttonLabel', { text })}
      title={t('status.buttonTitle')}
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
  const t = useRoomT();
  const now = useNow(1000);
  if (server.connected) return <>{t('dialog.serverReachable')}</>;
  if (server.failures === 0) return <>{t('dialog.serverConnecting')}</>;
  return <>{t('dialog.serverUnreachable', { failures: server.failures, next: describeNextTry(server, now, t) })}</>;
}

/** Whose laptop a signaling address is, when known: the room's meeting points. */
function HostedBy({ host }: { host: ReturnType<IncidentNetwork['hostOf']> }) {
  const t = useRoomT();
  if (!host) return null;
  const whose =
    host.kind === 'self'
      ? t('dialog.hostedBySelf')
      : host.name
        ? t('dialog.hostedByNamed', { name: host.name })
        : t('dialog.hostedByMember');
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
  const t = useRoomT();
  const tc = useT('common');
  const { network } = useIncidentSession();
  const snapshot = useNetwork();
  const presence = usePresence();
  const openNetworkSettings = useUiStore((s) => s.setNetworkSettingsOpen);
  const { status } = snapshot;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('dialog.title')} wide>
      {!status ? (
        <p>{t('dialog.notShared')}</p>
      ) : (
        <dl className="connection-details">
          <dt>{t('dialog.state')}</dt>
          <dd>
            {status.paused
              ? t('dialog.statePaused')
              : status.offline
                ? status.servers.some((server) => server.failures > 0)
                  ? t('dialog.stateReconnecting')
                  : t('dialog.stateOffline')
                : status.peers > 0
                  ? status.synced
                    ? t('dialog.stateSynced')
                    : t('dialog.stateSyncing')
                  : t('dialog.stateWaiting')}
          </dd>
          <dt>{t('dialog.peersConnected')}</dt>
          <dd>
            <output aria-label={t('dialog.peersConnected')}>{status.peers}</output>
          </dd>
          <ConnectionHealth />
          <dt>{t('dialog.peopleOnline')}</dt>
          <dd>
            {presence.online.size === 0
              ? t('dialog.nobodyElse')
              : joinNames(
                  t,
                  [...presence.online.values()].map((p) => p.name),
                )}
          </dd>
          <dt>{t('dialog.signaling')}</dt>
          <dd>
            {status.servers.length === 0 ? (
              t('dialog.noSignaling')
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
              <dt>{t('dialog.refused')}</dt>
              <dd className="warn-text">{t('dialog.foreignSignals', { count: status.foreignSignals })}</dd>
            </>
          )}
          {status.droppedPeers.length > 0 && (
            <>
              <dt>{t('dialog.dropped')}</dt>
              <dd className="warn-text">
                <ul className="plain-list" aria-label={t('dialog.droppedPeers')}>
                  {status.droppedPeers.map((peer) => (
                    <li key={peer.peerId}>{t('dialog.droppedAt', { peer: droppedPeerText(t, peer), time: formatClockTime(peer.at) })}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {presence.rejected > 0 && (
            <>
              <dt>{t('dialog.ignored')}</dt>
              <dd className="warn-text">{t('dialog.presenceRejected', { count: presence.rejected })}</dd>
            </>
          )}
        </dl>
      )}
      <div className="dialog-actions connection-actions">
        <button type="button" className="btn" onClick={() => openNetworkSettings(true)}>
          {t('dialog.networkSettings')}
        </button>
        <button type="button" className="btn" onClick={onInvite}>
          {t('dialog.inviteResponders')}
        </button>
        {status && !status.paused && (
          <button type="button" className="btn" onClick={() => network.disconnect()}>
            {t('dialog.goOffline')}
          </button>
        )}
        {status && (
          <button type="button" className="btn" onClick={() => network.reconnect()}>
            {t('dialog.reconnect')}
          </button>
        )}
        <DialogClose asChild>
          <button type="button" className="btn btn-primary">
            {tc('action.close')}
          </button>
        </DialogClose>
      </div>
    </Dialog>
  );
}

/** This laptop's signaling server for the room: where it listens, and the commander's switches. */
function HostingDetails({ roomId, hostingProblem }: { roomId: string; hostingProblem: string | null }) {
  const t = useRoomT();
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
      (error: unknown) => live && setProblem(t('hosting.readFailed', { error: errorText(t, error) })),
    );
    return () => {
      live = false;
    };
  }, [platform, roomId, snapshot, over, asked]);

  if (!platform.lanAvailable) {
    return (
      <>
        <dt>{t('hosting.label')}</dt>
        <dd>{t('hosting.browserCommander')}</dd>
      </>
    );
  }

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(errorText(t, error));
    } finally {
      setBusy(false);
      setAsked((n) => n + 1);
    }
  };
  const stopHosting = () => act(() => platform.setRoomHosting({ roomId, hosting: false }));
  const startHosting = () =>
    act(async () => {
      await platform.setRoomHosting({ roomId, hosting: true });
      await ensureHosted(platform, network, { roomId, title: incident?.title ?? t('hosting.untitled'), hostName: me.name });
    });
  const announceTitle = (on: boolean) => act(() => platform.setRoomHosting({ roomId, announceTitle: on }));

  return (
    <>
      <dt>{t('hosting.label')}</dt>
      <dd className="hosting">
        {status === null ? (
          <span role="status">{t('hosting.checking')}</span>
        ) : status.hosting ? (
          <>
            <HostedAddresses addresses={status.addresses} />
            <div className="hosting-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={stopHosting}>
                {t('hosting.stop')}
              </button>
            </div>
            <AnnounceTitleSwitch status={status} busy={busy} onChange={(on) => void announceTitle(on)} />
          </>
        ) : over ? (
          <p className="hosting-state">{t('hosting.notHostingOver', { phase: incident?.phase ?? 'closed' })}</p>
        ) : !status.hostingEnabled && status.hostingChoice === 'role' ? (
          <>
            <p className="hosting-state">{t('hosting.notHostingByRole')}</p>
            <div className="hosting-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={startHosting}>
                {t('hosting.start')}
              </button>
            </div>
          </>
        ) : !status.hostingEnabled ? (
          <>
            <p className="hosting-state">{t('hosting.notHostingStopped')}</p>
            <div className="hosting-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={startHosting}>
                {t('hosting.start')}
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="hosting-state">{t('hosting.notHosting')}</p>
            <div className="hosting-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={startHosting}>
                {t('hosting.start')}
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
