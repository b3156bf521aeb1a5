// Network settings: extra signaling addresses and STUN/TURN servers. Both empty by default, so
// nothing outside the local network is contacted unless someone configures it here. In the desktop
// app also the port its own signaling server listens on while it hosts, and local discovery. And the
// team's relay (docs/relay.md): its address and shared secret, which is never shown back in full.
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { MAX_SIGNALING_ADDRESSES, relayAddressIssue, signalingAddressIssue } from '@core/joinCode';
import {
  formatIceServerLines,
  NetworkSettingsError,
  parseIceServerLines,
  type RelaySummary,
  relaySecretIssue,
  signalingListProblem,
} from '../../sync/storage/networkSettings';
import { useT } from '../../i18n';
import { errorText, joinCodeText, type RoomT, useRoomT } from './roomText';

// Example addresses, written the same in every language.
const SIGNALING_EXAMPLE = 'ws://192.168.1.20:4444';
const RELAY_EXAMPLE = 'turns:relay.example.org:5349';

/** Why the typed signaling addresses cannot be saved, in the reader's language, or null. */
function signalingProblem(t: RoomT, urls: readonly string[]): string | null {
  if (urls.length > MAX_SIGNALING_ADDRESSES) return t('settings.signalingTooMany', { max: MAX_SIGNALING_ADDRESSES });
  for (const url of urls) {
    const issue = signalingAddressIssue(url);
    if (issue) return joinCodeText(t, issue);
  }
  if (new Set(urls).size !== urls.length) return t('settings.signalingTwice');
  // The storage's own check last: anything it refuses that the lines above do not know, in its words.
  return signalingListProblem(urls);
}

/** A settings problem in the reader's language: the line it is on, then what is wrong. */
function settingsErrorText(t: RoomT, error: unknown): string {
  if (!(error instanceof NetworkSettingsError)) return errorText(t, error);
  const detail = t(`settings.${error.key}`, error.params);
  return typeof error.params.line === 'number' && error.key !== 'iceTooMany'
    ? t('settings.iceLine', { line: error.params.line, detail })
    : detail;
}

export function NetworkSettingsDialog() {
  const t = useRoomT();
  const tc = useT('common');
  const open = useUiStore((s) => s.networkSettingsOpen);
  const setOpen = useUiStore((s) => s.setNetworkSettingsOpen);
  const showToast = useUiStore((s) => s.showToast);
  const { library, sessions, platform } = useServices();
  const [signaling, setSignaling] = useState('');
  const [ice, setIce] = useState('');
  const [port, setPort] = useState('');
  const [discovery, setDiscovery] = useState(true);
  const [relayUrl, setRelayUrl] = useState('');
  // Typed only: the saved secret is never read back into the field (empty keeps it).
  const [relaySecret, setRelaySecret] = useState('');
  const [savedRelay, setSavedRelay] = useState<RelaySummary | null>(null);
  const [relayReadProblem, setRelayReadProblem] = useState<string | null>(null);
  // The relay is written only when its fields were edited: a saved relay that could not be read stays as it is.
  const [relayTouched, setRelayTouched] = useState(false);
  // The fields stay disabled until the saved values are in, so nothing typed is overwritten.
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!open) {
      setLoaded(false);
      return;
    }
    const lan = platform.lanAvailable ? platform.lanSettings() : Promise.resolve(null);
    // A relay secret that cannot be opened (keyring locked) does not keep the other settings away.
    const relay = library.relay.summary().then(
      (summary) => ({ summary, problem: null }),
      (error: unknown) => ({ summary: null, problem: settingsErrorText(t, error) }),
    );
    Promise.all([library.preferences.getSettings(), lan, relay]).then(
      ([settings, lanSettings, relayRead]) => {
        setSignaling(settings.signalingUrls.join('\n'));
        setIce(formatIceServerLines(settings.iceServers));
        setSavedRelay(relayRead.summary);
        setRelayReadProblem(relayRead.problem);
        setRelayUrl(relayRead.summary?.url ?? '');
        setRelaySecret('');
        setRelayTouched(false);
        if (lanSettings) {
          setPort(String(lanSettings.signalingPort));
          setDiscovery(lanSettings.discoveryEnabled);
        }
        setLoaded(true);
      },
      (error: unknown) => showToast(t('settings.readFailed', { error: errorText(t, error) })),
    );
  }, [open, library, platform, showToast, t]);

  const submit = async (): Promise<true | string> => {
    if (!loaded) return t('settings.stillReading');
    const urls = signaling
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const problem = signalingProblem(t, urls);
    if (problem) return problem;
    let servers: ReturnType<typeof parseIceServerLines>;
    try {
      servers = parseIceServerLines(ice);
    } catch (error) {
      return settingsErrorText(t, error);
    }
    const relayAddress = relayUrl.trim();
    if (relayTouched && relayAddress !== '') {
      const addressProblem = relayAddressIssue(relayAddress);
      if (addressProblem) return joinCodeText(t, addressProblem);
      if (relaySecret === '' && savedRelay === null) return t('settings.relaySecretNeeded');
      const secretProblem = relaySecret === '' ? null : relaySecretIssue(relaySecret);
      if (secretProblem) return t(`settings.${secretProblem.key}`, secretProblem.params);
    }
    const signalingPort = Number(port.trim());
    if (platform.lanAvailable && (!/^\d+$/.test(port.trim()) || signalingPort < 1024 || signalingPort > 65_535)) {
      return t('settings.badPort', { port: port.trim() });
    }
    try {
      if (platform.lanAvailable) await platform.updateLanSettings({ signalingPort, discoveryEnabled: discovery });
      await library.preferences.setSetting('signalingUrls', urls);
      await library.preferences.setSetting('iceServers', servers);
      if (relayTouched) await library.relay.save(relayAddress, relaySecret === '' ? undefined : relaySecret);
      await sessions.applyNetworkSettings();
    } catch (error) {
      return t('settings.saveFailed', { error: settingsErrorText(t, error) });
    }
    showToast(t('settings.saved'), 'info');
    return true;
  };

  return (
    <FormDialog open={open} onOpenChange={setOpen} title={t('settings.title')} submitLabel={tc('action.save')} onSubmit={submit}>
      <div className="field">
        <label htmlFor="signaling-urls">{t('settings.signalingLabel')}</label>
        <textarea
          id="signaling-urls"
          className="mono"
          rows={3}
          value={signaling}
          disabled={!loaded}
          onChange={(e) => setSignaling(e.target.value)}
          placeholder={SIGNALING_EXAMPLE}
          spellCheck={false}
        />
        <span className="field-hint">{t('settings.signalingHint')}</span>
      </div>
      {platform.lanAvailable && (
        <>
          <div className="field">
            <label htmlFor="hosting-port">{t('settings.portLabel')}</label>
            <input
              id="hosting-port"
              className="mono"
              inputMode="numeric"
              value={port}
              disabled={!loaded}
              onChange={(e) => setPort(e.target.value)}
            />
            <span className="field-hint">{t('settings.portHint')}</span>
          </div>
          <div className="field">
            <label>
              <input type="checkbox" checked={discovery} disabled={!loaded} onChange={(e) => setDiscovery(e.target.checked)} />{' '}
              {t('settings.discoveryLabel')}
            </label>
            <span className="field-hint">{t('settings.discoveryHint')}</span>
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor="ice-servers">{t('settings.iceLabel')}</label>
        <textarea
          id="ice-servers"
          className="mono"
          rows={3}
          value={ice}
          disabled={!loaded}
          onChange={(e) => setIce(e.target.value)}
          placeholder={t('settings.icePlaceholder')}
          spellCheck={false}
        />
        <span className="field-hint">{t('settings.iceHint')}</span>
      </div>
      <div className="field">
        <label htmlFor="relay-url">{t('settings.relayLabel')}</label>
        <input
          id="relay-url"
          className="mono"
          value={relayUrl}
          disabled={!loaded}
          onChange={(e) => {
            setRelayUrl(e.target.value);
            setRelayTouched(true);
          }}
          placeholder={RELAY_EXAMPLE}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor="relay-secret">{t('settings.relaySecretLabel')}</label>
        <input
          id="relay-secret"
          className="mono"
          type="password"
          value={relaySecret}
          disabled={!loaded}
          onChange={(e) => {
            setRelaySecret(e.target.value);
            setRelayTouched(true);
          }}
          placeholder={
            savedRelay ? t('settings.relaySecretSaved', { ending: savedRelay.secretEnding }) : t('settings.relaySecretPlaceholder')
          }
          spellCheck={false}
          autoComplete="off"
          aria-describedby="relay-hint"
        />
        <span className="field-hint" id="relay-hint">
          {savedRelay && !savedRelay.sealed ? t('settings.relayHintUnsealed') : t('settings.relayHint')}
        </span>
        {relayReadProblem && <span className="warn-text">{t('settings.relayUnreadable', { problem: relayReadProblem })}</span>}
      </div>
    </FormDialog>
  );
}
