// Network settings: extra signaling addresses and STUN/TURN servers. Both empty by default, so
// nothing outside the local network is contacted unless someone configures it here.
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { formatIceServerLines, parseIceServerLines, signalingListProblem } from '../../sync/storage/networkSettings';

export function NetworkSettingsDialog() {
  const open = useUiStore((s) => s.networkSettingsOpen);
  const setOpen = useUiStore((s) => s.setNetworkSettingsOpen);
  const showToast = useUiStore((s) => s.showToast);
  const { library, sessions } = useServices();
  const [signaling, setSignaling] = useState('');
  const [ice, setIce] = useState('');
  // The fields stay disabled until the saved values are in, so nothing typed is overwritten.
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!open) {
      setLoaded(false);
      return;
    }
    library.preferences.getSettings().then(
      (settings) => {
        setSignaling(settings.signalingUrls.join('\n'));
        setIce(formatIceServerLines(settings.iceServers));
        setLoaded(true);
      },
      (error: unknown) => showToast(`The network settings could not be read: ${String(error)}`),
    );
  }, [open, library, showToast]);

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
    try {
      await library.preferences.setSetting('signalingUrls', urls);
      await library.preferences.setSetting('iceServers', servers);
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
          Added to every room this computer opens, and to the join codes it shows. The desktop app also hosts its own.
        </span>
      </div>
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
    </FormDialog>
  );
}
