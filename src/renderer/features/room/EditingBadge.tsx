// "Ana is editing": shown on a record that someone else has open in an edit dialog.
import type { EditingSubject } from '../../sync/rooms/presence';
import { useEditorsOf } from './useNetwork';
import './room.css';

export function EditingBadge({ subject }: { subject: EditingSubject }) {
  const editors = useEditorsOf(subject);
  if (editors.length === 0) return null;
  const names = editors.map((e) => e.name).join(', ');
  return (
    <span className="chip editing-chip" role="status" aria-label={`${names} ${editors.length === 1 ? 'is' : 'are'} editing this`}>
      ✎ {names}
    </span>
  );
}
