// An optional "when did it happen" field for dialogs that record something after the fact: empty
// means now; a value may be earlier (a change made an hour ago, a suspicion voiced at 19:10).
import { fromLocalInputValue } from '@core/time/instants';

export function WhenField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label} (optional)</label>
      <input
        id={id}
        type="datetime-local"
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <span className="field-hint" id={`${id}-hint`}>
        Leave empty for now; set it when you write this down later.
      </span>
    </div>
  );
}

/** The time a WhenField holds: `{}` for now, `{ at }` for a time given, or a sentence when it cannot be read. */
export function whenFrom(value: string): { at?: number } | string {
  if (value === '') return {};
  const at = fromLocalInputValue(value);
  return at === null ? 'That time cannot be read; pick a date and a time, or leave it empty for now.' : { at };
}
