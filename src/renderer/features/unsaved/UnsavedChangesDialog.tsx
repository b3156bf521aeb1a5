// Asked before an incident with unsaved changes closes (going back to the incidents, closing the
// window, or an incident kept open after its save failed): retry saving, export a copy, or stay.
// Closing without the changes is offered only once a copy has been exported.
import { useState } from 'react';
import { version } from '../../../../package.json';
import { useServices } from '../../app/services';
import { useT } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { renderExport } from '../export/exportFile';
import './unsaved.css';

/** Why the dialog asks: what happens once the changes are safe. */
export type UnsavedPurpose = 'leave' | 'close-window' | 'held';

export interface UnsavedTarget {
  readonly incidentId: string;
  readonly purpose: UnsavedPurpose;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function UnsavedChangesDialog({
  target,
  onResolved,
  onStay,
}: {
  /** The incident asked about; null keeps the dialog closed. */
  target: UnsavedTarget | null;
  /** Its changes are saved, or the user chose to close without them: carry on with the close. */
  onResolved: (target: UnsavedTarget) => void;
  onStay: () => void;
}) {
  const t = useT('app');
  const { sessions, platform } = useServices();
  const [busy, setBusy] = useState<'retry' | 'export' | 'discard' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const incidentId = target?.incidentId ?? null;

  // Each incident asked about starts afresh: an export of another one does not count.
  const [askedAbout, setAskedAbout] = useState(incidentId);
  if (askedAbout !== incidentId) {
    setAskedAbout(incidentId);
    setProblem(null);
    setExported(null);
    setBusy(null);
  }

  const session = incidentId ? sessions.sessionOf(incidentId) : null;
  const snapshot = session?.snapshot() ?? null;
  const title = snapshot?.incident.title.trim() || t('unsaved.thisIncident');
  const failure = incidentId ? sessions.unsaved().find((u) => u.id === incidentId) : undefined;

  const retry = async () => {
    if (!target) return;
    setBusy('retry');
    setProblem(null);
    try {
      await sessions.retrySave(target.incidentId);
    } catch (error) {
      setProblem(t('unsaved.stillNotSaved', { error: messageOf(error) }));
      setBusy(null);
      return;
    }
    setBusy(null);
    onResolved(target);
  };

  const exportCopy = async () => {
    if (!snapshot) {
      setProblem(t('unsaved.nothingToExport'));
      return;
    }
    setBusy('export');
    setProblem(null);
    try {
      const file = renderExport(snapshot, 'json', { timeZone: 'UTC', now: Date.now(), generatedBy: `Sitrep ${version}` });
      const outcome = await platform.saveFile({ suggestedName: file.suggestedName, filters: file.filters, content: file.content });
      if (outcome.saved) setExported(outcome.path ?? file.suggestedName);
    } catch (error) {
      console.error('Sitrep: exporting a copy of unsaved changes failed', error);
      setProblem(t('unsaved.exportFailed', { error: messageOf(error) }));
    } finally {
      setBusy(null);
    }
  };

  const discard = async () => {
    if (!target) return;
    setBusy('discard');
    try {
      await sessions.discardUnsaved(target.incidentId);
    } catch (error) {
      console.error('Sitrep: closing without saving failed', error);
      setProblem(t('unsaved.closeFailed', { error: messageOf(error) }));
      setBusy(null);
      return;
    }
    setBusy(null);
    onResolved(target);
  };

  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => !open && busy === null && onStay()}
      title={t('unsaved.title')}
      description={t('unsaved.description', { title, consequence: target ? t(`unsaved.consequence.${target.purpose}`) : '' })}
    >
      {failure && (
        <p className="unsaved-cause">
          <span className="visually-hidden">{t('unsaved.why')} </span>
          {messageOf(failure.error)}
        </p>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {exported && (
        <p className="unsaved-exported" role="status">
          {t('unsaved.exported', { path: exported })}
        </p>
      )}
      <div className="dialog-actions unsaved-actions">
        {exported && (
          <button type="button" className="btn btn-danger" disabled={busy !== null} onClick={discard}>
            {busy === 'discard' ? t('unsaved.closing') : t('unsaved.closeWithout')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="btn" disabled={busy !== null} onClick={onStay}>
          {t('unsaved.stay')}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={exportCopy}>
          {busy === 'export' ? t('unsaved.exporting') : t('unsaved.exportCopy')}
        </button>
        <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={retry}>
          {busy === 'retry' ? t('unsaved.saving') : t('unsaved.retry')}
        </button>
      </div>
    </Dialog>
  );
}
