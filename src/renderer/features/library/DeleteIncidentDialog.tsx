// Deleting an incident from this computer, confirmed by typing its title so that no single stray
// click can do it. Other laptops that have the room keep their own copies.
import { useState } from 'react';
import { useServices, type CatalogEntry } from '../../app/services';
import { uiI18n, useT } from '../../i18n';
import { IncidentInUseError } from '../../sync/storage';
import { FormDialog, type SubmitResult } from '../../ui/FormDialog';

/** Stands for the word to type while the sentence around it is split (a private-use character). */
const WORD_SLOT = '\uE000';

/** What must be typed: the title, or a fixed word for an incident still waiting for its first sync. */
export function confirmationFor(entry: CatalogEntry): string {
  return entry.title.trim() || 'DELETE';
}

export function displayTitle(entry: CatalogEntry): string {
  return entry.title.trim() || uiI18n().t('app:delete.untitled');
}

export function DeleteIncidentDialog({
  entry,
  onClose,
  onDeleted,
}: {
  /** The incident to delete; null keeps the dialog closed. */
  entry: CatalogEntry | null;
  onClose: () => void;
  onDeleted: (entry: CatalogEntry) => void;
}) {
  const t = useT('app');
  const { sessions } = useServices();
  const [typed, setTyped] = useState('');
  const title = entry ? displayTitle(entry) : '';
  const expected = entry ? confirmationFor(entry) : '';
  const openHere = entry !== null && sessions.isOpen(entry.id);
  const confirmed = typed.trim() === expected;
  // The sentence around the word to type, split where the word goes (drawn bold between).
  const [typeBefore = '', typeAfter = ''] = t('delete.typeToConfirm', { word: WORD_SLOT }).split(WORD_SLOT);

  const submit = async (): Promise<SubmitResult> => {
    if (!entry) return true;
    if (!confirmed) return expected === 'DELETE' ? t('delete.typeWord') : t('delete.typeTitle');
    try {
      await sessions.deleteIncident(entry.id);
    } catch (error) {
      if (error instanceof IncidentInUseError) return openInWindowMessage(title);
      console.error('Sitrep: deleting an incident failed', error);
      return t('delete.failed', { title, error: error instanceof Error ? error.message : String(error) });
    }
    onDeleted(entry);
    return true;
  };

  return (
    <FormDialog
      open={entry !== null}
      onOpenChange={(open) => !open && onClose()}
      onClosed={() => setTyped('')}
      title={t('delete.title', { title })}
      description={t('delete.description')}
      submitLabel={t('delete.submit')}
      destructive
      submitDisabled={!confirmed || openHere}
      onSubmit={submit}
    >
      <ul className="delete-consequences">
        <li>{t('delete.consequenceRecord')}</li>
        <li>{t('delete.consequenceSecret')}</li>
        <li>{t('delete.consequenceOthers')}</li>
      </ul>
      {openHere ? (
        <p className="form-error" role="alert">
          {openInWindowMessage(title)}
        </p>
      ) : (
        <div className="field">
          <label htmlFor="delete-confirmation">
            {typeBefore}
            <strong className="delete-expected">{expected}</strong>
            {typeAfter}
          </label>
          <input
            id="delete-confirmation"
            className="input"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
      )}
    </FormDialog>
  );
}

function openInWindowMessage(title: string): string {
  return uiI18n().t('app:delete.openHere', { title });
}
