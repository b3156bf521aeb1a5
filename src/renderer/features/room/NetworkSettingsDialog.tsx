// Network settings: extra signaling addresses and STUN/TURN servers. Both empty by default, so
// nothing outside the local network is contacted unless someone configures it here. In the desktop
// app also the port its own signaling server listens on while it hosts, and local discovery. And the
// team's relay (docs/relay.md): its address and shared secret, which is never shown back in full.
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { relayAddressProblem } from '@core/joinCode';
import {
  formatIceServerLines,
  parseIceServerLines,
  type RelaySummary,
  relaySecretProblem,
  signalingListProblem,
} from '../../sync/storage/networkSettings';

export function NetworkSettingsDialog() {
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
      (error: unknown) => ({ summary: null, problem: error instanceof Error ? error.message : String(error) }),
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
      (error: unknown) => showToast(`The network settings could not be read: ${String(error)}`),
    );
  }, [open, library, platform, showToast]);

  const submit = async (): Promise<true | string> => {
    if (!loaded) return 'The current settings are still being read; try again in a moment.';
    const urls = signaling
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const problem = signalingListProblem(urls);
    if (problem) return problem;
    let servers: ReturnType<typeof parseIceServerLines>;
    try {
      servers = parseIceServerLines(ice);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    const relayAddress = relayUrl.trim();
    if (relayTouched && relayAddress !== '') {
      const addressProblem = relayAddressProblem(relayAddress);
      if (addressProblem) return addressProblem;
      if (relaySecret === '' && savedRelay === null) {
        return 'Enter the relay secret (static-auth-secret in the relay’s turnserver.conf), or clear the relay address.';
      }
      const secretProblem = relaySecret === '' ? null : relaySecretProblem(relaySecret);
      if (secretProblem) return secretProblem;
    }
    const signalingPort = Number(port.trim());
    if (platform.lanAvailable && (!/^\d+$/.test(port.trim()) || signalingPort < 1024 || signalingPort > 65_535)) {
      return `The hosting port must be a whole number from 1024 to 65535, not “${port.trim()}”.`;
    }
    try {
      if (platform.lanAvailable) await platform.updateLanSettings({ signalingPort, discoveryEnabled: discovery });
      await library.preferences.setSetting('signalingUrls', urls);
      await library.preferences.setSetting('iceServers', servers);
      if (relayTouched) await library.relay.save(relayAddress, relaySecret === '' ? undefined : relaySecret);
      await sessions.applyNetworkSettings();
    } catch (error) {
      return `The settings could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    }
    showToast('Network settings saved; open rooms reconnected.', 'info');
    return true;
  };

  return (
    <FormDialog open={open} onOpenChange={setOpen} title="Network settings" submitLabel="Save" onSubmit={submit}>
      <div className="field">
        <label htmlFor="signaling-urls">Signaling servers (one per line)</label>
        <textarea
          id="signaling-urls"
          className="mono"
          rows={3}
          value={signaling}
          disabled={!loaded}
          onChange={(e) => setSignaling(e.target.value)}
          placeholder="ws://192.168.1.20:4444"
          spellCheck={false}
        />
        <span className="field-hint">
          Added to every room this computer opens, and to the join codes it shows. The desktop app also hosts its own while you host an
          active incident.
        </span>
      </div>
      {platform.lanAvailable && (
        <>
          <div className="field">
            <label htmlFor="hosting-port">Hosting port</label>
            <input
              id="hosting-port"
              className="mono"
              inputMode="numeric"
              value={port}
              disabled={!loaded}
              onChange={(e) => setPort(e.target.value)}
            />
            <span className="field-hint">
              Where this laptop’s signaling server listens while it hosts (the next four are tried if it is taken). Applies the next time
              hosting starts.
            </span>
          </div>
          <div className="field">
            <label>
              <input type="checkbox" checked={discovery} disabled={!loaded} onChange={(e) => setDiscovery(e.target.checked)} /> Local
              discovery
            </label>
            <span className="field-hint">
              Announce the rooms you host on this network (their id and port only, unless you announce a title) and find rooms nearby.
            </span>
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor="ice-servers">STUN/TURN servers (one per line)</label>
        <textarea
          id="ice-servers"
          className="mono"
          rows={3}
          value={ice}
          disabled={!loaded}
          onChange={(e) => setIce(e.target.value)}
          placeholder="turn:turn.example.org:3478 user secret"
          spellCheck={false}
        />
        <span className="field-hint">Empty means none: peers on one network connect directly and no third party is contacted.</span>
      </div>
      <div className="field">
        <label htmlFor="relay-url">Relay for members on other networks (turn: or turns: address)</label>
        <input
          id="relay-url"
          className="mono"
          value={relayUrl}
          disabled={!loaded}
          onChange={(e) => {
            setRelayUrl(e.target.value);
            setRelayTouched(true);
          }}
          placeholder="turns:relay.example.org:5349"
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor="relay-secret">Relay secret</label>
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
            savedRelay ? `Saved, ending in …${savedRelay.secretEnding}; type to replace` : 'static-auth-secret from turnserver.conf'
          }
          spellCheck={false}
          autoComplete="off"
          aria-describedby="relay-hint"
        />
        <span className="field-hint" id="relay-hint">
          A coturn your team runs (docs/relay.md). This laptop and its join codes get credentials from the secret that expire by themselves
          (12 h and 24 h); the secret never leaves this computer
          {savedRelay && !savedRelay.sealed ? ' (kept unencrypted here: no keyring)' : ''}. Clear the address to stop using the relay.
        </span>
        {relayReadProblem && <span className="warn-text">The saved relay could not be read: {relayReadProblem}</span>}
      </div>
    </FormDialog>
  );
}
