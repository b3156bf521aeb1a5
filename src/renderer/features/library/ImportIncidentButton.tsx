// "Import incident" on Home: reads a JSON export or a ZIP export (the record and its attached
// files), refuses a bad file with a clear message, asks before importing an incident that is
// already here (as a copy), then opens what it imported. Files a ZIP brings are stored only when
// they match the record's hashes; any left out are listed, never dropped silently.
import { useRef, useState } from 'react';
import { ImportError } from '@core/import';
import type { IncidentSnapshot } from '@core/model';
import { useServices } from '../../app/services';
import { uiI18n, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { looksLikeZip, ZIP_IMPORT_MAX_BYTES } from '@core/importZip';
import { copyOf, type ImportEvidence, type LeftOutFile, planImport, type ImportPlan, planZipImport, storeEvidence } from './importIncident';
import { useAction } from '../commands/registry';

/** A JSON export is a few megabytes at most; a file far bigger is not one. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

type Pending =
  | Extract<ImportPlan, { kind: 'already-here' }>
  | { kind: 'refused'; message: string; fileName: string }
  | { kind: 'left-out'; id: string; title: string; stored: number; leftOut: readonly LeftOutFile[] };

/** A ZIP by its first bytes, or by its name when its bytes are not one (it is then refused as a broken ZIP, not as bad JSON). */
function isZipFile(file: File, head: Uint8Array): boolean {
  return looksLikeZip(head) || /\.zip$/i.test(file.name) || file.type === 'application/zip';
}

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

  const finish = async (snapshot: IncidentSnapshot, evidence?: ImportEvidence) => {
    const id = await sessions.importSnapshot(snapshot);
    const title = snapshot.incident.title;
    if (!evidence) {
      showToast(t('import.imported', { title }), 'info');
      openIncident(id);
      return;
    }
    const { stored, leftOut } = await storeEvidence(library.attachments, id, evidence);
    if (leftOut.length === 0) {
      showToast(t('import.importedWithFiles', { title, count: stored }), 'info');
      openIncident(id);
    } else {
      // Said here on Home before the room opens (which would unmount this), so it is read.
      setPending({ kind: 'left-out', id, title, stored, leftOut });
    }
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
      const zip = isZipFile(file, new Uint8Array(await file.slice(0, 4).arrayBuffer()));
      if (zip) {
        if (file.size > ZIP_IMPORT_MAX_BYTES) {
          setPending({ kind: 'refused', fileName: file.name, message: t('import.tooBig', { size: Math.round(file.size / 1048576) }) });
          return;
        }
        const plan = await planZipImport(library, new Uint8Array(await file.arrayBuffer()), uiI18n().t);
        if (plan.kind === 'refused') setPending({ kind: 'refused', fileName: file.name, message: plan.message });
        else if (plan.kind === 'already-here') setPending(plan);
        else await finish(plan.snapshot, plan.evidence);
        return;
      }
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
        accept=".json,.zip,application/json,application/zip"
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
              const { snapshot, evidence } = pending;
              setPending(null);
              void run(() => finish(copyOf(snapshot, undefined, copyTitle), evidence));
            }}
          >
            {t('import.importCopy')}
          </button>
        </div>
      </Dialog>
      <Dialog
        open={pending?.kind === 'left-out'}
        onOpenChange={(open) => !open && setPending(null)}
        title={t('import.leftOutTitle')}
        description={
          pending?.kind === 'left-out' ? t('import.leftOutDescription', { title: pending.title, stored: pending.stored }) : undefined
        }
      >
        <ul className="import-left-out" aria-label={t('import.leftOutList')}>
          {pending?.kind === 'left-out'
            ? pending.leftOut.map((file, index) => (
                // The same name may be left out twice (two files of one name, different bytes).
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed while shown
                <li key={index}>{t(`import.leftOut.${file.reason}`, { name: file.name, detail: file.detail ?? '' })}</li>
              ))
            : null}
        </ul>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setPending(null)}>
            {tc('action.close')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              if (pending?.kind !== 'left-out') return;
              setPending(null);
              openIncident(pending.id);
            }}
          >
            {t('import.openImported')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
