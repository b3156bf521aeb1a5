import { useCollection } from '../../state/incidentContext';
import { useT } from '../../i18n';

/** Picks a named person from the room; people who left are not offered. */
export function PersonSelect({
  id,
  value,
  onChange,
  exclude,
  placeholder,
}: {
  id: string;
  value: string;
  onChange: (personId: string) => void;
  exclude?: string | null;
  placeholder?: string;
}) {
  const people = useCollection('people');
  const t = useT('work');
  return (
    <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder ?? t('people.choosePerson')}</option>
      {people
        .filter((p) => (p.status !== 'left' || p.id === value) && p.id !== exclude)
        .map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
    </select>
  );
}
