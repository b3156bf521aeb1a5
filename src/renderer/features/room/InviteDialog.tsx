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
import { errorText, type RoomT, Sentence, useRoomT } from './roomText';
import { useT } from '../../i18n';
import { useNetwork } from './useNetwork';

/**
 * The code is signed with the room secret through Web Crypto, which only answers asynchronously;
 * it is recomputed when the room, its secret (after a re-key) or its addresses change.
 */
function useJoinCode(invitation: Invitation | null): { code: string | null; problem: string | null; relay?: RelayInvitation | null } {
  const t = useRoomT();
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
              problem: t('invite.codeFailed', { error: errorText(t, error) }),
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

/** How a signaling server is started from the source tree: a command, the same in every language. */
const SIGNAL_COMMAND = 'npm run signal -- --host 0.0.0.0';

/** The secret in groups of four, easier to read out and type. */
export function formatSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export function InviteDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useRoomT();
  const tc = useT('common');
  const { network } = useIncidentSession();
  const snapshot = useNetwork();
  const showToast = useUiStore((s) => s.showToast);
  const openNetworkSettings = useUiStore((s) => s.setNetworkSettingsOpen);
  const [problem, setProblem] = useState<string | null>(null);
  const invitation = network.invitation();
  const { code, problem: codeProblem, relay } = useJoinCode(invitation);

  const copy = async (text: string, copied: string) => {
    const failure = await copyText(text, t);
    setProblem(failure);
    if (!failure) showToast(copied, 'info');
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('invite.title')} description={t('invite.description')} wide>
      {!snapshot.room && (
        <div className="invite-empty">
          <p>{t('invite.notShared')}</p>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => network.openRoom().catch((error: unknown) => setProblem(errorText(t, error)))}
          >
            {t('invite.openRoom')}
          </button>
        </div>
      )}
      {snapshot.room && !invitation && (
        <div className="invite-empty" role="note">
          <p>
            <Sentence
              text={(slot) => t('invite.noAddress', { command: slot('command') })}
              slots={{ command: <code>{SIGNAL_COMMAND}</code> }}
            />
          </p>
          {snapshot.hostingProblem && <p className="warn-text">{t('invite.hostingFailed', { problem: snapshot.hostingProblem })}</p>}
          <button type="button" className="btn" onClick={() => openNetworkSettings(true)}>
            {t('dialog.networkSettings')}
          </button>
        </div>
      )}
      {snapshot.room && code && (
        <div className="invite">
          <div className="invite-text">
            <label className="field-label" htmlFor="join-code">
              {t('invite.joinCode')}
            </label>
            <textarea id="join-code" className="join-code mono" readOnly value={code} rows={4} onFocus={(e) => e.currentTarget.select()} />
            <div className="item-actions">
              <button type="button" className="btn btn-primary" onClick={() => copy(code, t('copy.codeCopied'))}>
                {t('invite.copyCode')}
              </button>
              <button type="button" className="btn" onClick={() => copy(joinLinkForCode(code), t('copy.linkCopied'))}>
                {t('invite.copyLink')}
              </button>
            </div>
            <p className="field-label" style={{ marginTop: 14 }}>
              {t('invite.roomSecret')}
            </p>
            <p className="mono secret">{formatSecret(snapshot.room.secret)}</p>
            <p className="field-hint">{t('invite.secretHint')}</p>
            <SecretAtRest />
            <p className="field-label" style={{ marginTop: 10 }}>
              {t('invite.addressesTitle')}
            </p>
            <ul className="plain-list mono" aria-label={t('invite.addressesLabel')}>
              {snapshot.signaling.map((url) => (
                <li key={url}>{url}</li>
              ))}
            </ul>
            <p className="field-hint">{t('invite.addressesHint')}</p>
            {relay && (
              <p className="field-hint" data-testid="invite-relay">
                <Sentence
                  text={(slot) =>
                    t('invite.relay', {
                      url: slot('url'),
                      time: new Date(relay.expiresAt * 1000).toISOString().slice(0, 16).replace('T', ' '),
                    })
                  }
                  slots={{ url: <span className="mono">{relay.url}</span> }}
                />
              </p>
            )}
          </div>
          <QrCode text={joinLinkForCode(code)} label={t('invite.qrLabel')} />
        </div>
      )}
      <FormError message={problem ?? codeProblem} />
      <div className="dialog-actions">
        <DialogClose asChild>
          <button type="button" className="btn">
            {tc('action.close')}
          </button>
        </DialogClose>
      </div>
    </Dialog>
  );
}

/** How the secret is kept on this computer (docs/protocol.md, "Secrets at rest"), said once. */
function SecretAtRest() {
  const t = useRoomT();
  const { platform } = useServices();
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    secretAtRestSentence(platform, t).then((sentence) => live && setSaid(sentence));
    return () => {
      live = false;
    };
  }, [platform, t]);
  return said === null ? null : <p className="field-hint">{said}</p>;
}

async function secretAtRestSentence(platform: PlatformAdapter, t: RoomT): Promise<string> {
  if (!platform.secrets) return t('invite.secretBrowser');
  try {
    const status = await platform.secrets.status();
    if (status.protected) return t('invite.secretSealed', { backend: status.backend });
    return status.backend === 'basic_text' ? t('invite.secretNoKeyring') : t('invite.secretUnprotected', { backend: status.backend });
  } catch (error) {
    return t('invite.secretUnknown', { error: errorText(t, error) });
  }
}
