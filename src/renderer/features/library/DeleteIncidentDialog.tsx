// Deleting an incident from this computer, confirmed by typing its title so that no single stray
// click can do it. Other laptops that have the room keep their own copies.
import { useState } from 'react';
import { useServices, type CatalogEntry } from '../../app/services';
import { IncidentInUseError } from '../../sync/storage';
import { FormDialog, type SubmitResult } from '../../ui/FormDialog';

/** What must be typed: the title, or a fixed word for an incident still waiting for its first sync. */
export function confirmationFor(entry: CatalogEntry): string {
  return entry.title.trim() || 'DELETE';
}

export function displayTitle(entry: CatalogEntry): string {
  return entry.title.trim() || 'Untitled incident (waiting for the first sync)';
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
  const { sessions } = useServices();
  const [typed, setTyped] = useState('');
  const title = entry ? displayTitle(entry) : '';
  const expected = entry ? confirmationFor(entry) : '';
  const openHere = entry !== null && sessions.isOpen(entry.id);
  const confirmed = typed.trim() === expected;

  const submit = async (): Promise<SubmitResult> => {
    if (!entry) return true;
    if (!confirmed) return `Type ${expected === 'DELETE' ? 'DELETE' : 'the incident’s title'} exactly to confirm.`;
    try {
      await sessions.deleteIncident(entry.id);
    } catch (error) {
      if (error instanceof IncidentInUseError) return openInWindowMessage(title);
      console.error('Sitrep: deleting an incident failed', error);
      return `“${title}” could not be deleted; nothing was removed. ${error instanceof Error ? error.message : String(error)}`;
    }
    onDeleted(entry);
    return true;
  };

  return (
    <FormDialog
      open={entry !== null}
      onOpenChange={(open) => !open && onClose()}
      onClosed={() => setTyped('')}
      title={`Delete “${title}”?`}
      description="This removes the incident from this computer for good."
      submitLabel="Delete incident"
      destructive
      submitDisabled={!confirmed || openHere}
      onSubmit={submit}
    >
      <ul className="delete-consequences">
        <li>Its record on this computer goes: timeline, tasks, people, status updates and its search entry.</li>
        <li>Its room secret goes: this computer can no longer rejoin the room with it.</li>
        <li>Other laptops that have this room keep their own copy; nothing is deleted there.</li>
      </ul>
      {openHere ? (
        <p className="form-error" role="alert">
          {openInWindowMessage(title)}
        </p>
      ) : (
        <div className="field">
          <label htmlFor="delete-confirmation">
            Type <strong className="delete-expected">{expected}</strong> to confirm
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
  return `“${title}” is open in this window, so it cannot be deleted. Close it first (“← Incidents”), then delete it.`;
}
