// The room policy dialog: update cadence per severity, the escalation matrix, and the fatigue
// warning. Each section saves on its own, through the policy commands, for every peer.
import { useT } from '../../i18n';
import { useState } from 'react';
import { SEVERITIES, type Severity } from '@core/model';
import type { EscalationRule } from '@core/policy';
import { useCommand } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { usePolicy } from './usePolicy';
import './updates.css';

export function RoomPolicyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('updates');
  const tc = useT('common');
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('policy.title')} description={t('policy.description')} wide>
      <CadenceSection />
      <EscalationSection />
      <FatigueSection />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => onOpenChange(false)}>
          {tc('action.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** Parses a whole number typed in a field; NaN for anything else, so the command says why. */
function wholeNumber(value: string): number {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
}

function CadenceSection() {
  const t = useT('updates');
  const policy = usePolicy();
  const run = useCommand();
  const showToast = useUiStore((s) => s.showToast);
  const [values, setValues] = useState<Record<Severity, string>>(
    () => Object.fromEntries(SEVERITIES.map((s) => [s, String(policy.cadenceMinutes[s])])) as Record<Severity, string>,
  );
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="policy-section"
      aria-labelledby="policy-cadence-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const changed = SEVERITIES.filter((s) => values[s].trim() !== String(policy.cadenceMinutes[s]));
        for (const severity of changed) {
          const outcome = run((commands) => commands.setUpdateCadence({ severity, minutes: wholeNumber(values[severity]) }));
          if (!outcome.ok) return setError(t('policy.cadenceError', { severity, message: outcome.message }));
        }
        setError(null);
        showToast(changed.length ? t('policy.cadenceSaved') : t('policy.cadenceUnchanged'), 'info');
      }}
    >
      <h3 id="policy-cadence-heading" className="section-label">
        {t('policy.cadence')}
      </h3>
      <div className="policy-cadence">
        {SEVERITIES.map((severity) => (
          <div className="field" key={severity}>
            <label htmlFor={`cadence-${severity}`}>{t('policy.cadenceField', { severity })}</label>
            <input
              id={`cadence-${severity}`}
              className="input"
              inputMode="numeric"
              value={values[severity]}
              onChange={(e) => setValues({ ...values, [severity]: e.target.value })}
            />
          </div>
        ))}
      </div>
      <FormError message={error} />
      <div className="item-actions">
        <button type="submit" className="btn btn-small">
          {t('policy.saveCadence')}
        </button>
      </div>
    </form>
  );
}

function EscalationSection() {
  const t = useT('updates');
  const policy = usePolicy();
  return (
    <section className="policy-section" aria-labelledby="policy-escalation-heading">
      <h3 id="policy-escalation-heading" className="section-label">
        {t('policy.escalation')}
      </h3>
      <p className="field-hint">{t('policy.escalationHint')}</p>
      {policy.escalationRules.length === 0 ? <p className="panel-empty">{t('policy.noRules')}</p> : null}
      <ul className="list">
        {policy.escalationRules.map((rule, index) => (
          // Keyed by content too, so an edit from a peer redraws the row with the new values.
          <EscalationRow
            key={`${rule.id}:${rule.severity}:${rule.afterMinutes}:${rule.notify.who}:${rule.notify.text}`}
            rule={rule}
            index={index + 1}
          />
        ))}
      </ul>
      <EscalationRow rule={null} index={policy.escalationRules.length + 1} />
    </section>
  );
}

/** One row of the matrix, edited in place; `rule` null is the row for adding a new one. */
function EscalationRow({ rule, index }: { rule: EscalationRule | null; index: number }) {
  const t = useT('updates');
  const run = useCommand();
  const [severity, setSeverity] = useState<Severity>(rule?.severity ?? 'SEV1');
  const [after, setAfter] = useState(rule ? String(rule.afterMinutes) : '');
  const [who, setWho] = useState(rule?.notify.who ?? '');
  const [text, setText] = useState(rule?.notify.text ?? '');
  const [error, setError] = useState<string | null>(null);
  // Which row a label is for: a numbered rule, or the row that adds a new one.
  const which = { kind: rule ? 'rule' : 'new', n: String(index) };
  const save = () => {
    const outcome = run((commands) =>
      commands.setEscalationRule({ ...(rule ? { id: rule.id } : {}), severity, afterMinutes: wholeNumber(after), who, text }),
    );
    if (!outcome.ok) return setError(outcome.message);
    setError(null);
    if (!rule) {
      setAfter('');
      setWho('');
      setText('');
    }
  };
  const Wrapper = rule ? 'li' : 'div';
  return (
    <Wrapper className="escalation-row" aria-label={t('policy.row', which)}>
      <div className="escalation-fields">
        <label className="visually-hidden" htmlFor={`esc-sev-${index}`}>
          {t('policy.severityFor', which)}
        </label>
        <select id={`esc-sev-${index}`} className="select" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={`esc-after-${index}`}>
          {t('policy.afterFor', which)}
        </label>
        <input
          id={`esc-after-${index}`}
          className="input esc-after"
          inputMode="numeric"
          placeholder={t('policy.minutes')}
          value={after}
          onChange={(e) => setAfter(e.target.value)}
        />
        <label className="visually-hidden" htmlFor={`esc-who-${index}`}>
          {t('policy.whoFor', which)}
        </label>
        <input
          id={`esc-who-${index}`}
          className="input"
          placeholder={t('policy.who')}
          value={who}
          onChange={(e) => setWho(e.target.value)}
        />
        <label className="visually-hidden" htmlFor={`esc-text-${index}`}>
          {t('policy.textFor', which)}
        </label>
        <input
          id={`esc-text-${index}`}
          className="input esc-text"
          placeholder={t('policy.message')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {rule ? (
          <>
            <button type="button" className="btn btn-small" onClick={save} aria-label={t('policy.saveRule', { n: String(index) })}>
              {t('policy.save')}
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              aria-label={t('policy.removeRule', { n: String(index) })}
              onClick={() => {
                const outcome = run((commands) => commands.removeEscalationRule({ ruleId: rule.id }));
                if (!outcome.ok) setError(outcome.message);
              }}
            >
              {t('policy.remove')}
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-small btn-primary" onClick={save}>
            {t('policy.add')}
          </button>
        )}
      </div>
      <FormError message={error} />
    </Wrapper>
  );
}

function FatigueSection() {
  const t = useT('updates');
  const policy = usePolicy();
  const run = useCommand();
  const showToast = useUiStore((s) => s.showToast);
  const [hours, setHours] = useState(String(policy.fatigueWarningHours));
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="policy-section"
      aria-labelledby="policy-fatigue-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const value = hours.trim() === '' ? Number.NaN : Number(hours);
        const outcome = run((commands) => commands.setFatigueWarningHours({ hours: value }));
        if (!outcome.ok) return setError(outcome.message);
        setError(null);
        showToast(t('policy.fatigueSaved'), 'info');
      }}
    >
      <h3 id="policy-fatigue-heading" className="section-label">
        {t('policy.fatigue')}
      </h3>
      <div className="item-actions">
        <div className="field">
          <label htmlFor="fatigue-hours">{t('policy.fatigueField')}</label>
          <input
            id="fatigue-hours"
            className="input esc-after"
            inputMode="decimal"
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-small">
          {t('policy.saveFatigue')}
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
