// Every desktop member can host the room's signaling (issue 15): the IC and the deputy do by
// default, anyone else once they switch "Host the room from this laptop" on. useHostingByRole
// keeps main told of this member's role while the incident is open (main starts, keeps or stops
// the server accordingly); HostingControls is the switch in the connection dialog for members who
// joined the room (the laptop that declared the incident has its hosting details there already).
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { HostingRole, RoomHostingStatus } from '../../../shared/ipc';
import { useServices } from '../../app/services';
import type { PlatformAdapter } from '../../platform';
import { useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import type { IncidentNetwork } from '../../sync/rooms/incidentNetwork';
import { hostingHint, isOverPhase, shouldHostRoom } from './hostingByRole';
import { errorText, useRoomT } from './roomText';
import { useNetwork } from './useNetwork';

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why hosting failed for a room (every port taken, say), from the hook in the header to the
 * dialog's switch, which are different components; cleared when hosting works again.
 */
const hostingFailures = new Map<string, string>();
const failureListeners = new Set<() => void>();

function setHostingFailure(roomId: string, message: string | null): void {
  if ((hostingFailures.get(roomId) ?? null) === message) return;
  if (message === null) hostingFailures.delete(roomId);
  else hostingFailures.set(roomId, message);
  for (const listener of [...failureListeners]) listener();
}

function useHostingFailure(roomId: string | null): string | null {
  return useSyncExternalStore(
    useCallback((onChange: () => void) => {
      failureListeners.add(onChange);
      return () => failureListeners.delete(onChange);
    }, []),
    () => (roomId === null ? null : (hostingFailures.get(roomId) ?? null)),
  );
}

/** The member's hosting role now, as the room reads it from the roster (IncidentNetwork.hostingRoleNow). */
function useHostingRole(): HostingRole {
  return useNetwork().hostingRole;
}

/**
 * Tells main to host the room for this member's role (main answers with no addresses when the
 * switch says not to, withdrawing it if it was hosted), and hands the addresses to the room, so
 * this laptop meets the responders who come through it and its peers learn where it is.
 */
async function hostForRole(
  platform: PlatformAdapter,
  network: IncidentNetwork,
  request: { roomId: string; title: string; hostName: string; role: HostingRole },
): Promise<void> {
  let signalingUrls: string[];
  try {
    ({ signalingUrls } = await platform.hostRoom(request));
    setHostingFailure(request.roomId, null);
  } catch (error) {
    setHostingFailure(request.roomId, describeError(error));
    throw error;
  }
  // The room tells its peers and joins the addresses itself, keeping its connections (applySettings would reopen it).
  network.setHostedAddresses(signalingUrls);
}

/**
 * While the incident is open here: hosts (or not) as the member's role and switch say, again
 * whenever the role changes (command handed over, a deputy named) or the incident is resolved or
 * reopened; leaving the incident withdraws the room.
 */
export function useHostingByRole(): void {
  const { platform } = useServices();
  const { network } = useIncidentSession();
  const snapshot = useNetwork();
  const incident = useIncidentInfo();
  const role = useHostingRole();
  const roomId = snapshot.room?.roomId ?? null;
  const over = isOverPhase(incident?.phase);
  const title = incident?.title ?? 'Incident';
  const latest = useRef({ title, hostName: network.actor.name });
  latest.current = { title, hostName: network.actor.name };

  // Leaving the incident (or its room changing) withdraws; not every role change, which would
  // stop and restart the server for nothing.
  useEffect(() => {
    if (!platform.lanAvailable || roomId === null) return;
    return () => {
      platform.stopHosting(roomId).catch((error: unknown) => console.error('Sitrep: could not stop hosting the room', error));
    };
  }, [platform, roomId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the title is read through `latest`; its change re-announces the room.
  useEffect(() => {
    if (!platform.lanAvailable || roomId === null) return;
    if (over) {
      platform.stopHosting(roomId).catch((error: unknown) => console.error('Sitrep: could not stop hosting the room', error));
      return;
    }
    hostForRole(platform, network, { roomId, ...latest.current, role }).catch((error: unknown) =>
      console.error('Sitrep: could not host the room', error),
    );
  }, [platform, network, roomId, over, role, title]);
}

/**
 * The hosting part of the connection dialog for a member who joined the room: the switch, why it
 * is on or off, where it hosts, and the announcement's title. Nothing for the laptop that declared
 * the incident, which has HostingDetails (Stop/Start hosting) in ConnectionStatus.
 */
export function HostingControls() {
  const t = useRoomT();
  const { platform } = useServices();
  const { network } = useIncidentSession();
  const snapshot = useNetwork();
  const incident = useIncidentInfo();
  const role = useHostingRole();
  const room = snapshot.room;
  const roomId = room?.roomId ?? null;
  const [status, setStatus] = useState<RoomHostingStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState(0);
  const failure = useHostingFailure(roomId);

  // Main says when what it hosts changes (a new address, hosting started or stopped): ask again.
  useEffect(() => platform.onHostingChanged?.(() => setAsked((n) => n + 1)), [platform]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: none of these is read inside; each change is a reason to ask main again.
  useEffect(() => {
    if (!platform.lanAvailable || roomId === null) return;
    let live = true;
    platform.hostingStatus(roomId).then(
      (next) => live && setStatus(next),
      (error: unknown) => live && setProblem(t('hosting.readFailed', { error: errorText(t, error) })),
    );
    return () => {
      live = false;
    };
  }, [platform, roomId, snapshot, role, asked]);

  if (room === null || roomId === null || room.hosted) return null;
  if (!platform.lanAvailable) {
    return (
      <>
        <dt>{t('hosting.label')}</dt>
        <dd>{t('hosting.browserMember')}</dd>
      </>
    );
  }

  const phase = incident?.phase;
  const over = isOverPhase(phase);
  const choice = status?.hostingChoice ?? 'role';
  const on = shouldHostRoom({ phase: undefined, role, choice });
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
  // Switching off withdraws in main, which reports it (the room follows); switching on hosts at once.
  const toggle = (want: boolean) =>
    act(async () => {
      await platform.setRoomHosting({ roomId, hosting: want });
      if (want)
        await hostForRole(platform, network, {
          roomId,
          title: incident?.title ?? t('hosting.untitled'),
          hostName: network.actor.name,
          role,
        });
    });
  const announceTitle = (announce: boolean) => act(() => platform.setRoomHosting({ roomId, announceTitle: announce }));

  return (
    <>
      <dt>{t('hosting.label')}</dt>
      <dd className="hosting">
        <div className="hosting-announce">
          <label>
            <input
              type="checkbox"
              role="switch"
              checked={on && !over}
              aria-checked={on && !over}
              disabled={busy || status === null || over}
              onChange={(e) => void toggle(e.target.checked)}
            />{' '}
            {t('hosting.switch')}
          </label>
          <span className="field-hint">{hostingHint({ phase, role, choice }, t)}</span>
        </div>
        {status === null ? (
          <span role="status">{t('hosting.checking')}</span>
        ) : status.hosting ? (
          <>
            <HostedAddresses addresses={status.addresses} />
            <AnnounceTitleSwitch status={status} busy={busy} onChange={(on) => void announceTitle(on)} />
          </>
        ) : on && !over ? (
          <p className="hosting-state">{t('hosting.notHostingYet')}</p>
        ) : null}
        {(problem ?? (status?.hosting || !on || over ? null : failure)) && (
          <p className="warn-text" role="alert">
            {problem ?? failure}
          </p>
        )}
      </dd>
    </>
  );
}

/** Whether the room is announced by title nearby; the commander's and a member's hosting rows both show it. */
export function AnnounceTitleSwitch({
  status,
  busy,
  onChange,
}: {
  status: { readonly discoveryEnabled: boolean; readonly announceTitle: boolean };
  busy: boolean;
  onChange: (announce: boolean) => void;
}) {
  const t = useRoomT();
  if (!status.discoveryEnabled) return <span className="field-hint">{t('hosting.discoveryOff')}</span>;
  return (
    <div className="hosting-announce">
      <label>
        <input
          type="checkbox"
          role="switch"
          checked={status.announceTitle}
          aria-checked={status.announceTitle}
          disabled={busy}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {t('hosting.announce')}
      </label>
      <span className="field-hint">{status.announceTitle ? t('hosting.announceOn') : t('hosting.announceOff')}</span>
    </div>
  );
}

/** Where this laptop hosts the room's signaling; the commander's and a member's hosting rows both show it. */
export function HostedAddresses({ addresses }: { addresses: readonly string[] }) {
  const t = useRoomT();
  return (
    <>
      <p className="hosting-state">{t('hosting.hostingOn')}</p>
      <ul className="plain-list" aria-label={t('hosting.addresses')}>
        {addresses.map((address) => (
          <li key={address} className="mono">
            {address}
          </li>
        ))}
      </ul>
    </>
  );
}
