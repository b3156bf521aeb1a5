// An optional "when did it happen" field for dialogs that record something after the fact: empty
// means now; a value may be earlier (a change made an hour ago, a suspicion voiced at 19:10).
import { fromLocalInputValue } from '@core/time/instants';
import { uiI18n, useT } from '../i18n';

export function WhenField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  const t = useT('app');
  return (
    <div className="field">
      <label htmlFor={id}>{t('when.optional', { label })}</label>
      <input
        id={id}
        type="datetime-local"
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <span className="field-hint" id={`${id}-hint`}>
        {t('when.hint')}
      </span>
    </div>
  );
}

/** The time a WhenField holds: `{}` for now, `{ at }` for a time given, or a sentence when it cannot be read. */
export function whenFrom(value: string): { at?: number } | string {
  if (value === '') return {};
  const at = fromLocalInputValue(value);
  return at === null ? uiI18n().t('app:when.unreadable') : { at };
}
