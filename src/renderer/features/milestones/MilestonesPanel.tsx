// Milestones: the key moments, backdatable, from which the incident metrics follow.
import { useEffect, useState } from 'react';
import { MILESTONE_KINDS, type MilestoneKind } from '@core/model';
import { MILESTONE_LABELS, milestoneName } from '@core/commands';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { formatClockTime, formatDateTime, fromLocalInputValue, toLocalInputValue } from '@core/time/instants';
import { MetricsStrip } from '../metrics/MetricsStrip';

export function MilestonesPanel() {
  const milestones = useCollection('milestones');
  const [open, setOpen] = useState(false);
  return (
    <section className="panel" aria-labelledby="milestones-heading" style={{ maxHeight: '34%' }}>
      <div className="panel-head">
        <h2 id="milestones-heading">Milestones</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>Mark milestone</button>
      </div>
      <div className="panel-body">
        <MetricsStrip />
        <ol className="list" aria-label="Milestones">
          {milestones.map((m) => (
            <li key={m.id} className="item">
              <span className="mono item-meta" style={{ minWidth: 44 }} title={formatDateTime(m.at)}>{formatClockTime(m.at)}</span>
              <div className="item-main">
                <div className="item-title">{milestoneName(m.kind, m.label)}</div>
                {(m.note || m.recordedAt - m.at > 60_000) && (
                  <div className="item-meta">
                    {m.note}
                    {m.recordedAt - m.at > 60_000 && <span className="faint">{m.note ? ' · ' : ''}recorded {formatClockTime(m.recordedAt)}</span>}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ol>
      </div>
      <MarkMilestoneDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

function MarkMilestoneDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [kind, setKind] = useState<MilestoneKind>('detected');
  const [label, setLabel] = useState('');
  const [when, setWhen] = useState('');
  const [note, setNote] = useState('');
  // Each time the dialog opens, "when" starts at now; the person backdates it if needed.
  useEffect(() => {
    if (open) setWhen(toLocalInputValue(Date.now()));
  }, [open]);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Mark milestone"
      description="When it happened may be earlier than now."
      submitLabel="Mark milestone"
      onSubmit={() => {
        const at = fromLocalInputValue(when);
        if (at === null) return 'Enter when it happened.';
        return submitted(run((commands) => commands.markMilestone({ kind, label, at, note })));
      }}
      onClosed={() => {
        setLabel('');
        setNote('');
      }}
    >
      <div className="form-row">
        <div className="field">
          <label htmlFor="milestone-kind">Milestone</label>
          <select id="milestone-kind" className="select" value={kind} onChange={(e) => setKind(e.target.value as MilestoneKind)}>
            {MILESTONE_KINDS.map((k) => (
              <option key={k} value={k}>{k === 'custom' ? 'Custom…' : MILESTONE_LABELS[k]}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="milestone-time">When it happened</label>
          <input id="milestone-time" type="datetime-local" className="input" value={when} onChange={(e) => setWhen(e.target.value)} />
        </div>
      </div>
      {kind === 'custom' && (
        <div className="field">
          <label htmlFor="milestone-label">Name</label>
          <input id="milestone-label" className="input" value={label} onChange={(e) => setLabel(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor="milestone-note">Note (optional)</label>
        <input id="milestone-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
    </FormDialog>
  );
}
