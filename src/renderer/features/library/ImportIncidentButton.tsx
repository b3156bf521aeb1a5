// "Import incident" on Home: reads a JSON export, refuses a bad file with a clear message, asks
// before importing an incident that is already here (as a copy), then opens what it imported.
import { useRef, useState } from 'react';
import type { IncidentSnapshot } from '@core/model';
import { useServices } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { copyOf, planImport, type ImportPlan } from './importIncident';
import { useAction } from '../commands/registry';

/** A JSON export is a few megabytes at most; a file far bigger is not one. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

type Pending = Extract<ImportPlan, { kind: 'already-here' }> | { kind: 'refused'; message: string; fileName: string };

export function ImportIncidentButton() {
  const { library, sessions } = useServices();
  const openIncident = useUiStore((s) => s.openIncident);
  const showToast = useUiStore((s) => s.showToast);
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  useAction('incident.import', () => input.current?.click(), busy ? 'An import is already under way.' : null);

  const finish = async (snapshot: IncidentSnapshot) => {
    const id = await sessions.importSnapshot(snapshot);
    showToast(`Imported “${snapshot.incident.title}”.`, 'info');
    openIncident(id);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      console.error('Sitrep: importing the incident failed', error);
      showToast(`The incident could not be imported: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const onFile = (file: File) =>
    run(async () => {
      if (file.size > MAX_IMPORT_BYTES) {
        setPending({
          kind: 'refused',
          fileName: file.name,
          message: `This file is ${Math.round(file.size / 1048576)} MB; a Sitrep export is far smaller. Nothing was imported.`,
        });
        return;
      }
      const plan = await planImport(library, await file.text());
      if (plan.kind === 'refused') setPending({ kind: 'refused', fileName: file.name, message: plan.message });
      else if (plan.kind === 'already-here') setPending(plan);
      else await finish(plan.snapshot);
    });

  return (
    <>
      <button type="button" className="btn" disabled={busy} onClick={() => input.current?.click()}>
        Import incident
      </button>
      <input
        ref={input}
        className="import-input"
        type="file"
        accept=".json,application/json"
        aria-label="Incident export file to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // choosing the same file again still fires a change
          if (file) void onFile(file);
        }}
      />
      <Dialog
        open={pending?.kind === 'refused'}
        onOpenChange={(open) => !open && setPending(null)}
        title="This file cannot be imported"
        description={pending?.kind === 'refused' ? `${pending.fileName}: nothing was imported.` : undefined}
      >
        <p role="alert" className="form-error">
          {pending?.kind === 'refused' ? pending.message : ''}
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={() => setPending(null)}>
            Close
          </button>
        </div>
      </Dialog>
      <Dialog
        open={pending?.kind === 'already-here'}
        onOpenChange={(open) => !open && setPending(null)}
        title="This incident is already in your library"
        description={
          pending?.kind === 'already-here'
            ? `“${pending.existingTitle}” is already stored on this computer. It stays as it is: importing the file again makes a separate copy, titled “${pending.snapshot.incident.title} (copy)”.`
            : undefined
        }
      >
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setPending(null)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => {
              if (pending?.kind !== 'already-here') return;
              const { snapshot } = pending;
              setPending(null);
              void run(() => finish(copyOf(snapshot)));
            }}
          >
            Import as a copy
          </button>
        </div>
      </Dialog>
    </>
  );
}
