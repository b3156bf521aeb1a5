// Join a room: paste a join code (or sitrep:// link), or pick a room found nearby and type its
// secret. Every way a code can be wrong gets its own message, and a failed join creates nothing.
// A code for a room this laptop already has, with another secret or other addresses, is shown
// with what it would change and changes nothing until confirmed: such a code may be a re-key by
// the commander, or a forgery built from the room id that discovery announces.
import { useEffect, useState } from 'react';
import {
  hasChanges,
  JOIN_CODE_PREFIX,
  JOIN_LINK_PREFIX,
  parseJoinInput,
  relayInvitationIssue,
  type Invitation,
  type KnownRoomChanges,
} from '@core/joinCode';
import type { NearbyRoom } from '../../platform/platform';
import { useServices } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { formatTimeAgo } from '@core/time/durations';
import { UnconfirmedRoomChangeError } from '../../sync/storage/roomCredentials';
import { errorText, joinCodeText, joinNames, type RoomT, Sentence, useRoomT } from './roomText';
import './joinDialog.css';

/** A code waiting for the user to confirm what it changes in a room this laptop already has. */
interface PendingChange {
  /** What was submitted (the code text, or the nearby room and secret), so an edit clears the step. */
  readonly source: string;
  readonly title: string;
  readonly changes: KnownRoomChanges;
}

const SECRET = /^[0-9a-f]{32}$/;

/** Reads a typed room secret: hex in any case, spaces and dashes ignored. */
export function parseSecret(text: string, t: RoomT): { ok: true; secret: string } | { ok: false; message: string } {
  const compact = text.replace(/[\s-]/g, '').toLowerCase();
  if (compact === '') return { ok: false, message: t('join.secretEmpty') };
  if (/[^0-9a-f]/.test(compact)) return { ok: false, message: t('join.secretCharacters') };
  if (!SECRET.test(compact)) return { ok: false, message: t('join.secretLength', { length: compact.length }) };
  return { ok: true, secret: compact };
}

export function JoinDialog() {
  const t = useRoomT();
  const open = useUiStore((s) => s.joinOpen);
  const setOpen = useUiStore((s) => s.setJoinOpen);
  const openIncident = useUiStore((s) => s.openIncident);
  const { sessions, platform, library } = useServices();
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<PendingChange | null>(null);

  const [nearby, setNearby] = useState<NearbyRoom[] | null>(null);
  const [nearbyProblem, setNearbyProblem] = useState<string | null>(null);
  const [picked, setPicked] = useState<NearbyRoom | null>(null);
  const [secret, setSecret] = useState('');

  // A sitrep://join/ link (desktop app) opens the dialog with its code typed in; joining still
  // waits for the user's click, and the code's tag is checked then like a pasted one.
  useEffect(
    () =>
      platform.onJoinLink((link) => {
        setPicked(null);
        setPending(null);
        setCode(link);
        setOpen(true);
      }),
    [platform, setOpen],
  );

  useEffect(() => {
    if (!open || !platform.lanAvailable) return;
    let live = true;
    setNearbyProblem(null);
    platform.discoverRooms(2500).then(
      (rooms) => live && setNearby(rooms),
      (error: unknown) => live && setNearbyProblem(t('join.nearbyFailed', { error: errorText(t, error) })),
    );
    return () => {
      live = false;
    };
  }, [open, platform, t]);

  const join = async (invitation: Invitation, confirmed: KnownRoomChanges | null): Promise<true | string> => {
    // A relay credential that expired still leaves the code good for the signaling addresses: joined, and said.
    const relayProblem = invitation.relay ? relayInvitationIssue(invitation.relay, Date.now()) : null;
    try {
      // Kept before the room connects, so a member behind NAT reaches it through the relay at once.
      if (invitation.relay && relayProblem === null) await library.relay.rememberRoomRelay(invitation.roomId, invitation.relay);
      const incidentId = await sessions.join(invitation, confirmed);
      if (relayProblem !== null) useUiStore.getState().showToast(joinCodeText(t, relayProblem));
      // Open in this window already (the war room behind the dialog): reconnect it with what was confirmed.
      if (confirmed !== null && sessions.isOpen(incidentId)) await sessions.applyNetworkSettings();
      openIncident(incidentId);
      return true;
    } catch (error) {
      if (error instanceof UnconfirmedRoomChangeError) {
        setPending(null);
        return t('join.roomChanged');
      }
      console.error('Sitrep: joining the room failed', error);
      return t('join.failed', { error: errorText(t, error) });
    }
  };

  /** Joins at once, or first shows what the code would change in a room this laptop already has. */
  const joinOrAsk = async (invitation: Invitation, source: string): Promise<true | string> => {
    if (pending !== null && pending.source === source) return join(invitation, pending.changes);
    let known: Awaited<ReturnType<typeof sessions.knownRoom>>;
    try {
      known = await sessions.knownRoom(invitation);
    } catch (error) {
      console.error('Sitrep: reading the rooms on this laptop failed', error);
      return t('join.roomsUnreadable', { error: errorText(t, error) });
    }
    if (known === null || !hasChanges(known.changes)) return join(invitation, null);
    // The title only names the room in the question; without it the question is still asked.
    const entry = await library.incidents.get(known.incidentId).catch((error: unknown) => {
      console.error("Sitrep: reading the known room's incident failed", error);
      return null;
    });
    setPending({ source, title: entry?.title ?? '', changes: known.changes });
    return t('join.confirmFirst');
  };

  const submit = async (): Promise<true | string> => {
    if (picked) {
      const parsed = parseSecret(secret, t);
      if (!parsed.ok) return parsed.message;
      return joinOrAsk(
        { roomId: picked.roomId, secret: parsed.secret, signaling: picked.signalingUrls.slice(0, 8) },
        `nearby:${picked.roomId}:${parsed.secret}`,
      );
    }
    let parsed: Awaited<ReturnType<typeof parseJoinInput>>;
    try {
      parsed = await parseJoinInput(code);
    } catch (error) {
      console.error('Sitrep: checking the join code failed', error);
      return t('join.checkFailed', { error: errorText(t, error) });
    }
    if (!parsed.ok) return joinCodeText(t, parsed);
    return joinOrAsk(parsed.invitation, `code:${code}`);
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      title={t('join.title')}
      description={t('join.description')}
      submitLabel={pending ? t('join.submitUpdate') : t('join.submit')}
      onSubmit={submit}
      onClosed={() => {
        setPending(null);
        setCode('');
        setSecret('');
        setPicked(null);
        setNearby(null);
      }}
      wide
    >
      {!picked && (
        <div className="field">
          <label htmlFor="join-code-input">{t('join.codeLabel')}</label>
          <textarea
            id="join-code-input"
            className="mono"
            rows={4}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setPending(null);
            }}
            placeholder={t('join.codePlaceholder', { prefix: JOIN_CODE_PREFIX, link: JOIN_LINK_PREFIX })}
            spellCheck={false}
            autoFocus
          />
        </div>
      )}
      <fieldset className="nearby">
        <legend className="field-label">{t('join.nearby')}</legend>
        {!platform.lanAvailable && <p className="field-hint">{t('join.nearbyNeedsDesktop')}</p>}
        {platform.lanAvailable && nearbyProblem && <p className="field-hint warn-text">{nearbyProblem}</p>}
        {platform.lanAvailable && !nearbyProblem && nearby === null && (
          <p className="field-hint" role="status">
            {t('join.looking')}
          </p>
        )}
        {nearby !== null && nearby.length === 0 && <p className="field-hint">{t('join.noneFound')}</p>}
        {nearby !== null && nearby.length > 0 && (
          <ul className="list" aria-label={t('join.nearby')}>
            {nearby.map((room) => (
              <li key={room.roomId} className="item">
                <div className="item-main">
                  <div className="item-title">{room.title}</div>
                  <div className="item-meta">
                    {t('join.hostedBy', { host: room.hostName, ago: formatTimeAgo(Date.now() - room.seenAt) })}
                  </div>
                </div>
                <button
                  type="button"
                  className={`btn btn-small ${picked?.roomId === room.roomId ? 'btn-primary' : ''}`}
                  aria-pressed={picked?.roomId === room.roomId}
                  onClick={() => {
                    setPicked(picked?.roomId === room.roomId ? null : room);
                    setPending(null);
                  }}
                >
                  {picked?.roomId === room.roomId ? t('join.selected') : t('join.select', { title: room.title })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {picked && (
        <div className="field">
          <label htmlFor="room-secret-input">{t('join.secretFor', { title: picked.title })}</label>
          <input
            id="room-secret-input"
            className="mono"
            value={secret}
            onChange={(e) => {
              setSecret(e.target.value);
              setPending(null);
            }}
            autoComplete="off"
            spellCheck={false}
            autoFocus
          />
          <span className="field-hint">{t('join.secretHint')}</span>
        </div>
      )}
      {pending && <KnownRoomConfirm pending={pending} />}
    </FormDialog>
  );
}

/** Signaling addresses in a sentence, each in monospace. */
function AddressList({ t, addresses }: { t: RoomT; addresses: readonly string[] }) {
  const separator = joinNames(t, ['', '']);
  return (
    <>
      {addresses.map((address, i) => (
        <span key={address}>
          {i > 0 && separator}
          <span className="mono">{address}</span>
        </span>
      ))}
    </>
  );
}

/** Names everything the code would change; nothing is written until the user confirms. */
function KnownRoomConfirm({ pending }: { pending: PendingChange }) {
  const t = useRoomT();
  const { secretChanged, addedAddresses, removedAddresses } = pending.changes;
  return (
    <section className="join-confirm" aria-labelledby="join-confirm-title">
      <h3 id="join-confirm-title">{t('join.knownTitle')}</h3>
      <p>
        {pending.title === '' ? (
          t('join.knownUntitled')
        ) : (
          <Sentence text={(slot) => t('join.knownTitled', { title: slot('title') })} slots={{ title: <bdi>{pending.title}</bdi> }} />
        )}
      </p>
      <ul aria-label={t('join.changesLabel')}>
        {secretChanged && (
          <li>
            <strong>{t('join.secretChangedTitle')}</strong> {t('join.secretChanged')}
          </li>
        )}
        {addedAddresses.length > 0 && (
          <li>
            <Sentence
              text={(slot) => t('join.adds', { count: addedAddresses.length, addresses: slot('list') })}
              slots={{ list: <AddressList t={t} addresses={addedAddresses} /> }}
            />
          </li>
        )}
        {removedAddresses.length > 0 && (
          <li>
            <Sentence
              text={(slot) => t('join.removes', { count: removedAddresses.length, addresses: slot('list') })}
              slots={{ list: <AddressList t={t} addresses={removedAddresses} /> }}
            />
          </li>
        )}
      </ul>
      <p>{t('join.nothingUntil')}</p>
    </section>
  );
}
