// Declaring an incident: the declarer becomes IC and the incident clock starts.
import { useEffect, useState } from 'react';
import { SEVERITIES, type Severity } from '@core/model';
import { useT } from '../../i18n';
import { refusalMessage } from '../../state/incidentCommands';
import { CommandError } from '@core/commands';
import { useServices } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { fromLocalInputValue, toLocalInputValue } from '@core/time/instants';

export function DeclareIncidentDialog() {
  const t = useT('app');
  const open = useUiStore((s) => s.declareOpen);
  const setOpen = useUiStore((s) => s.setDeclareOpen);
  const openIncident = useUiStore((s) => s.openIncident);
  const { sessions } = useServices();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV2');
  const [summary, setSummary] = useState('');
  const [started, setStarted] = useState('');
  useEffect(() => {
    if (open) setStarted(toLocalInputValue(Date.now()));
  }, [open]);
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      title={t('declare.title')}
      description={t('declare.description')}
      submitLabel={t('declare.submit')}
      onSubmit={async () => {
        try {
          const startedAt = fromLocalInputValue(started) ?? undefined;
          const id = await sessions.declare({ title, severity, summary, startedAt });
          openIncident(id);
          return true;
        } catch (error) {
          if (error instanceof CommandError) return refusalMessage(error);
          console.error('Sitrep: declaring the incident failed', error);
          return t('declare.notSaved', { error: error instanceof Error ? error.message : String(error) });
        }
      }}
      onClosed={() => {
        setTitle('');
        setSummary('');
        setSeverity('SEV2');
      }}
    >
      <div className="field">
        <label htmlFor="incident-title">{t('declare.titleLabel')}</label>
        <input
          id="incident-title"
          className="input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('declare.titlePlaceholder')}
          autoFocus
        />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="incident-severity">{t('declare.severityLabel')}</label>
          <select id="incident-severity" className="select" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <span className="field-hint">{t(`declare.severityHint.${severity}`)}</span>
        </div>
        <div className="field">
          <label htmlFor="incident-started">{t('declare.startedLabel')}</label>
          <input
            id="incident-started"
            type="datetime-local"
            className="input"
            value={started}
            onChange={(e) => setStarted(e.target.value)}
          />
          <span className="field-hint">{t('declare.startedHint')}</span>
        </div>
      </div>
      <div className="field">
        <label htmlFor="incident-summary">{t('declare.summaryLabel')}</label>
        <textarea
          id="incident-summary"
          className="textarea"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          placeholder={t('declare.summaryPlaceholder')}
        />
      </div>
    </FormDialog>
  );
}
