// "Import incident" on Home: reads a JSON export, refuses a bad file with a clear message, asks
// before importing an incident that is already here (as a copy), then opens what it imported.
import { useRef, useState } from 'react';
import { ImportError } from '@core/import';
import type { IncidentSnapshot } from '@core/model';
import { useServices } from '../../app/services';
import { uiI18n, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { copyOf, planImport, type ImportPlan } from './importIncident';
import { useAction } from '../commands/registry';

/** A JSON export is a few megabytes at most; a file far bigger is not one. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

type Pending = Extract<ImportPlan, { kind: 'already-here' }> | { kind: 'refused'; message: string; fileName: string };

export function ImportIncidentButton() {
  const t = useT('app');
  const tp = useT('palette');
  const tc = useT('common');
  const { library, sessions } = useServices();
  const openIncident = useUiStore((s) => s.openIncident);
  const showToast = useUiStore((s) => s.showToast);
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const copyTitle = (title: string) => t('import.copyTitle', { title });
  useAction('incident.import', () => input.current?.click(), busy ? tp('reason.importBusy') : null);

  const finish = async (snapshot: IncidentSnapshot) => {
    const id = await sessions.importSnapshot(snapshot);
    showToast(t('import.imported', { title: snapshot.incident.title }), 'info');
    openIncident(id);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      console.error('Sitrep: importing the incident failed', error);
      const why = error instanceof ImportError ? error.text(uiI18n().t) : error instanceof Error ? error.message : String(error);
      showToast(t('import.failed', { error: why }));
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
          message: t('import.tooBig', { size: Math.round(file.size / 1048576) }),
        });
        return;
      }
      const plan = await planImport(library, await file.text(), uiI18n().t);
      if (plan.kind === 'refused') setPending({ kind: 'refused', fileName: file.name, message: plan.message });
      else if (plan.kind === 'already-here') setPending(plan);
      else await finish(plan.snapshot);
    });

  return (
    <>
      <button type="button" className="btn" disabled={busy} onClick={() => input.current?.click()}>
        {t('import.button')}
      </button>
      <input
        ref={input}
        className="import-input"
        type="file"
        accept=".json,application/json"
        aria-label={t('import.fileLabel')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // choosing the same file again still fires a change
          if (file) void onFile(file);
        }}
      />
      <Dialog
        open={pending?.kind === 'refused'}
        onOpenChange={(open) => !open && setPending(null)}
        title={t('import.refusedTitle')}
        description={pending?.kind === 'refused' ? t('import.refusedDescription', { fileName: pending.fileName }) : undefined}
      >
        <p role="alert" className="form-error">
          {pending?.kind === 'refused' ? pending.message : ''}
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={() => setPending(null)}>
            {tc('action.close')}
          </button>
        </div>
      </Dialog>
      <Dialog
        open={pending?.kind === 'already-here'}
        onOpenChange={(open) => !open && setPending(null)}
        title={t('import.alreadyTitle')}
        description={
          pending?.kind === 'already-here'
            ? t('import.alreadyDescription', { existing: pending.existingTitle, copy: copyTitle(pending.snapshot.incident.title) })
            : undefined
        }
      >
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setPending(null)}>
            {tc('action.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => {
              if (pending?.kind !== 'already-here') return;
              const { snapshot } = pending;
              setPending(null);
              void run(() => finish(copyOf(snapshot, undefined, copyTitle)));
            }}
          >
            {t('import.importCopy')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
