// Declaring an incident: the declarer becomes IC and the incident clock starts.
import { useEffect, useState } from 'react';
import { SEVERITIES, type Severity } from '@core/model';
import { CommandError } from '@core/commands';
import { useServices } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { fromLocalInputValue, toLocalInputValue } from '@core/time/instants';

const SEVERITY_HINTS: Record<Severity, string> = {
  SEV1: 'Critical: many users cannot use the product',
  SEV2: 'Major: a core function is degraded for many',
  SEV3: 'Minor: limited impact, a workaround exists',
  SEV4: 'Low: cosmetic or internal only',
};

export function DeclareIncidentDialog() {
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
      title="Declare incident"
      description="You become incident commander. When in doubt, pick the worse severity: it is easy to lower."
      submitLabel="Declare incident"
      onSubmit={async () => {
        try {
          const startedAt = fromLocalInputValue(started) ?? undefined;
          const id = await sessions.declare({ title, severity, summary, startedAt });
          openIncident(id);
          return true;
        } catch (error) {
          if (error instanceof CommandError) return error.message;
          console.error('Sitrep: declaring the incident failed', error);
          return `The incident could not be saved: ${error instanceof Error ? error.message : String(error)}`;
        }
      }}
      onClosed={() => {
        setTitle('');
        setSummary('');
        setSeverity('SEV2');
      }}
    >
      <div className="field">
        <label htmlFor="incident-title">Title</label>
        <input
          id="incident-title"
          className="input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Checkout returns 500 for EU customers"
          autoFocus
        />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="incident-severity">Severity</label>
          <select id="incident-severity" className="select" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <span className="field-hint">{SEVERITY_HINTS[severity]}</span>
        </div>
        <div className="field">
          <label htmlFor="incident-started">Started</label>
          <input
            id="incident-started"
            type="datetime-local"
            className="input"
            value={started}
            onChange={(e) => setStarted(e.target.value)}
          />
          <span className="field-hint">Earlier than now if it began before it was noticed</span>
        </div>
      </div>
      <div className="field">
        <label htmlFor="incident-summary">What is known</label>
        <textarea
          id="incident-summary"
          className="textarea"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          placeholder="Symptoms, who is affected, since when"
        />
      </div>
    </FormDialog>
  );
}
