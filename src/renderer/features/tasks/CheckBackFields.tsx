// The "Check back in" choice used when a task is created: none, 5 / 10 / 15 / 30 minutes, or custom.
import { CHECK_BACK_CHOICES_MINUTES, CHECK_BACK_MAX_MINUTES } from '@core/commands';
import type { CheckBackChoice } from './checkBackTime';
import { useT } from '../../i18n';

export function CheckBackFields({
  idPrefix,
  choice,
  custom,
  onChoice,
  onCustom,
}: {
  idPrefix: string;
  choice: CheckBackChoice;
  custom: string;
  onChoice: (choice: CheckBackChoice) => void;
  onCustom: (minutes: string) => void;
}) {
  const t = useT('work');
  return (
    <div className="form-row">
      <div className="field">
        <label htmlFor={`${idPrefix}-checkback`}>{t('checkBack.field')}</label>
        <select
          id={`${idPrefix}-checkback`}
          className="select"
          value={choice}
          onChange={(e) => onChoice(e.target.value as CheckBackChoice)}
        >
          <option value="">{t('checkBack.none')}</option>
          {CHECK_BACK_CHOICES_MINUTES.map((m) => (
            <option key={m} value={String(m)}>
              {t('checkBack.minutesChoice', { minutes: m })}
            </option>
          ))}
          <option value="custom">{t('checkBack.custom')}</option>
        </select>
      </div>
      {choice === 'custom' ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-checkback-custom`}>{t('checkBack.minutes')}</label>
          <input
            id={`${idPrefix}-checkback-custom`}
            className="input"
            type="number"
            min={1}
            max={CHECK_BACK_MAX_MINUTES}
            step={1}
            value={custom}
            onChange={(e) => onCustom(e.target.value)}
          />
        </div>
      ) : (
        <div className="field" aria-hidden="true" />
      )}
    </div>
  );
}
