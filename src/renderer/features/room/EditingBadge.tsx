// "Ana is editing": shown on a record that someone else has open in an edit dialog.
import type { EditingSubject } from '../../sync/rooms/presence';
import { joinNames, useRoomT } from './roomText';
import { useEditorsOf } from './useNetwork';
import './room.css';

export function EditingBadge({ subject }: { subject: EditingSubject }) {
  const t = useRoomT();
  const editors = useEditorsOf(subject);
  if (editors.length === 0) return null;
  const names = joinNames(
    t,
    editors.map((e) => e.name),
  );
  return (
    <span className="chip editing-chip" role="status" aria-label={t('presence.editing', { count: editors.length, names })}>
      ✎ {names}
    </span>
  );
}
