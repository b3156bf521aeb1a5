// Invite responders: the join code to copy, its sitrep:// link, a QR code, and the room secret
// that someone picking the room from "nearby rooms" has to type.
import { useEffect, useState } from 'react';
import { encodeJoinCode, joinLinkForCode, type Invitation, type RelayInvitation } from '@core/joinCode';
import { useServices } from '../../app/services';
import type { PlatformAdapter } from '../../platform';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { copyText } from './copyText';
import { QrCode } from './QrCode';
import { useNetwork } from './useNetwork';

/**
 * The code is signed with the room secret through Web Crypto, which only answers asynchronously;
 * it is recomputed when the room, its secret (after a re-key) or its addresses change.
 */
function useJoinCode(invitation: Invitation | null): { code: string | null; problem: string | null; relay?: RelayInvitation | null } {
  const { library } = useServices();
  // Closing Network settings may have changed the relay the code carries.
  const settingsOpen = useUiStore((s) => s.networkSettingsOpen);
  const key = invitation ? JSON.stringify([invitation.roomId, invitation.secret, invitation.signaling, settingsOpen]) : null;
  const [made, setMade] = useState<{ key: string; code: string | null; problem: string | null; relay?: RelayInvitation | null } | null>(
    null,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the invitation, whose identity changes every render.
  useEffect(() => {
    if (!invitation || key === null) return;
    let live = true;
    // The relay (a credential derived for joiners, never the shared secret) when this computer has one.
    library.relay
      .forJoinCode(invitation.roomId)
      .then(async (relay) => ({ relay, code: await encodeJoinCode(relay === null ? invitation : { ...invitation, relay }) }))
      .then(
        ({ code, relay }) => live && setMade({ key, code, problem: null, relay }),
        (error: unknown) => {
          console.error('Sitrep: making the join code failed', error);
          if (live)
            setMade({
              key,
              code: null,
              problem: `The join code could not be made: ${error instanceof Error ? error.message : String(error)}`,
            });
        },
      );
    return () => {
      live = false;
    };
  }, [key]);
  // A code made for an earlier room or secret is never shown.
  return made !== null && made.key === key ? made : { code: null, problem: null };
}

/** The secret in groups of four, easier to read out and type. */
export function formatSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export function InviteDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { network } = useIncidentSession();
  const snapshot = useNetwork();
  const showToast = useUiStore((s) => s.showToast);
  const openNetworkSettings = useUiStore((s) => s.setNetworkSettingsOpen);
  const [problem, setProblem] = useState<string | null>(null);
  const invitation = network.invitation();
  const { code, problem: codeProblem, relay } = useJoinCode(invitation);

  const copy = async (text: string, what: string) => {
    const failure = await copyText(text);
    setProblem(failure);
    if (!failure) showToast(`${what} copied to the clipboard.`, 'info');
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Invite responders"
      description="Anyone with this code can join the room and read and change the incident. Share it only with responders."
      wide
    >
      {!snapshot.room && (
        <div className="invite-empty">
          <p>This incident is not shared yet. Open a room for it to get a join code.</p>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => network.openRoom().catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))}
          >
            Open a room
          </button>
        </div>
      )}
      {snapshot.room && !invitation && (
        <div className="invite-empty" role="note">
          <p>
            There is no signaling address to put in the join code yet. The desktop app hosts one on this computer; in a browser, add the
            address of a signaling server (for example one started with
            <code> npm run signal -- --host 0.0.0.0</code>).
          </p>
          {snapshot.hostingProblem && <p className="warn-text">Hosting failed: {snapshot.hostingProblem}</p>}
          <button type="button" className="btn" onClick={() => openNetworkSettings(true)}>
            Network settings
          </button>
        </div>
      )}
      {snapshot.room && code && (
        <div className="invite">
          <div className="invite-text">
            <label className="field-label" htmlFor="join-code">
              Join code
            </label>
            <textarea id="join-code" className="join-code mono" readOnly value={code} rows={4} onFocus={(e) => e.currentTarget.select()} />
            <div className="item-actions">
              <button type="button" className="btn btn-primary" onClick={() => copy(code, 'Join code')}>
                Copy code
              </button>
              <button type="button" className="btn" onClick={() => copy(joinLinkForCode(code), 'Join link')}>
                Copy link
              </button>
            </div>
            <p className="field-label" style={{ marginTop: 14 }}>
              Room secret
            </p>
            <p className="mono secret">{formatSecret(snapshot.room.secret)}</p>
            <p className="field-hint">Responders who pick this room from “nearby rooms” type the secret; the code already contains it.</p>
            <SecretAtRest />
            <p className="field-label" style={{ marginTop: 10 }}>
              Signaling addresses in the code
            </p>
            <ul className="plain-list mono" aria-label="Signaling addresses">
              {snapshot.signaling.map((url) => (
                <li key={url}>{url}</li>
              ))}
            </ul>
            <p className="field-hint">
              The ones reachable now: this laptop’s own first, then the servers it is connected to and those other members host.
            </p>
            {relay && (
              <p className="field-hint" data-testid="invite-relay">
                Relay in the code: <span className="mono">{relay.url}</span>, with a credential valid until{' '}
                {new Date(relay.expiresAt * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC (never the relay’s secret).
              </p>
            )}
          </div>
          <QrCode text={joinLinkForCode(code)} label="QR code of the join link" />
        </div>
      )}
      <FormError message={problem ?? codeProblem} />
      <div className="dialog-actions">
        <DialogClose asChild>
          <button type="button" className="btn">
            Close
          </button>
        </DialogClose>
      </div>
    </Dialog>
  );
}

/** How the secret is kept on this computer (docs/protocol.md, "Secrets at rest"), said once. */
function SecretAtRest() {
  const { platform } = useServices();
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    secretAtRestSentence(platform).then((sentence) => live && setSaid(sentence));
    return () => {
      live = false;
    };
  }, [platform]);
  return said === null ? null : <p className="field-hint">{said}</p>;
}

async function secretAtRestSentence(platform: PlatformAdapter): Promise<string> {
  if (!platform.secrets) return 'This browser keeps the secret unencrypted in its site storage.';
  try {
    const status = await platform.secrets.status();
    if (status.protected) return `This computer keeps the secret sealed by the system keyring (${status.backend}).`;
    return status.backend === 'basic_text'
      ? 'This computer keeps the secret unencrypted: it has no keyring Sitrep can use.'
      : `This computer keeps the secret unencrypted: the system offers no protected key (${status.backend}).`;
  } catch (error) {
    return `Whether this computer seals the secret is unknown: ${error instanceof Error ? error.message : String(error)}`;
  }
}
