// Milestones: the key moments, backdatable, from which the incident metrics follow. A milestone
// recorded wrong is corrected (time, note) or retracted, never erased; its history stays.
import { useEffect, useState } from 'react';
import { MILESTONE_KINDS, type Milestone, type MilestoneKind } from '@core/model';
import { MILESTONE_LABELS, milestoneName } from '@core/commands';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { formatClockTime, formatDateTime, fromLocalInputValue, toLocalInputValue } from '@core/time/instants';
import { MetricsStrip } from '../metrics/MetricsStrip';
import { HistoryDialog, RetractDialog } from '../timeline/Corrections';
import { correctedTime } from '../timeline/entryWhen';
import '../timeline/record.css';
import { FocusButton, usePanelFocus } from '../warroom/panelFocus';
import { useAction } from '../commands/registry';

export function MilestonesPanel() {
  const milestones = useCollection('milestones');
  const [open, setOpen] = useState(false);
  useAction('milestone.mark', () => setOpen(true));
  const focus = usePanelFocus('milestones');
  return (
    <section className={`panel panel-milestones${focus.className}`} aria-labelledby="milestones-heading" hidden={focus.hidden}>
      <div className="panel-head">
        <h2 id="milestones-heading">Milestones</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          Mark milestone
        </button>
        <FocusButton panel="milestones" name="Milestones" />
      </div>
      <div className="panel-body">
        <MetricsStrip />
        <ol className="list rows" aria-label="Milestones">
          {milestones.map((m) => (
            <MilestoneRow key={m.id} milestone={m} />
          ))}
        </ol>
      </div>
      <MarkMilestoneDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

function MilestoneRow({ milestone: m }: { milestone: Milestone }) {
  const run = useCommand();
  const people = useCollection('people');
  const [dialog, setDialog] = useState<'correct' | 'retract' | 'history' | null>(null);
  const close = (open: boolean) => setDialog(open ? dialog : null);
  const name = milestoneName(m.kind, m.label);
  const retracted = m.retractedAt !== null;
  const edited = m.revisions.length > 0;
  const late = m.recordedAt - m.at > 60_000;
  return (
    <li
      className={`item${retracted ? ' retracted' : ''}`}
      aria-label={`${name} at ${formatClockTime(m.at)}${retracted ? ', retracted' : ''}`}
    >
      <span className="mono item-meta" style={{ minWidth: 44 }} title={formatDateTime(m.at)}>
        {formatClockTime(m.at)}
      </span>
      <div className="item-main">
        <div className="item-title">{name}</div>
        {(m.note || late || edited || retracted) && (
          <div className="item-meta entry-meta">
            {m.note && <span>{m.note}</span>}
            {late && (
              <span className="faint" title={`Recorded ${formatDateTime(m.recordedAt)}`}>
                {m.note ? '· ' : ''}recorded later
              </span>
            )}
            {(edited || retracted) && (
              <button
                type="button"
                className="entry-flag"
                aria-label={`${retracted ? 'Retracted' : 'Edited'}: show the history of ${name}`}
                onClick={() => setDialog('history')}
              >
                {retracted ? 'retracted' : 'edited'}
              </button>
            )}
          </div>
        )}
      </div>
      {!retracted && (
        <span className="entry-actions">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label={`Correct milestone ${name}`}
            onClick={() => setDialog('correct')}
          >
            Correct
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label={`Retract milestone ${name}`}
            onClick={() => setDialog('retract')}
          >
            Retract
          </button>
        </span>
      )}
      {dialog === 'correct' && <CorrectMilestoneDialog milestone={m} onOpenChange={close} />}
      {dialog === 'retract' && (
        <RetractDialog
          open
          onOpenChange={close}
          what={`the milestone ${name} at ${formatClockTime(m.at)}`}
          onRetract={(reason) => run((commands) => commands.retractMilestone({ milestoneId: m.id, reason }))}
        />
      )}
      {dialog === 'history' && (
        <HistoryDialog
          open
          onOpenChange={close}
          title={`History of milestone ${name}`}
          textLabel="Note"
          history={{
            text: m.note,
            at: m.at,
            recordedAt: m.recordedAt,
            recordedByName: people.find((p) => p.id === m.by)?.name ?? 'someone',
            revisions: m.revisions,
            retractedAt: m.retractedAt,
            retractedByName: m.retractedByName,
            retractionReason: m.retractionReason,
          }}
        />
      )}
    </li>
  );
}

function CorrectMilestoneDialog({ milestone, onOpenChange }: { milestone: Milestone; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [when, setWhen] = useState(toLocalInputValue(milestone.at));
  const [note, setNote] = useState(milestone.note);
  return (
    <FormDialog
      open
      onOpenChange={onOpenChange}
      title={`Correct milestone ${milestoneName(milestone.kind, milestone.label)}`}
      description="The earlier time and note stay in the milestone’s history."
      submitLabel="Save correction"
      onSubmit={() => {
        const time = correctedTime(when, milestone.at);
        if (typeof time === 'string') return time;
        const changes = { ...time, ...(note !== milestone.note ? { note } : {}) };
        return submitted(run((commands) => commands.correctMilestone({ milestoneId: milestone.id, ...changes })));
      }}
    >
      <div className="field">
        <label htmlFor="correct-milestone-time">When it happened</label>
        <input id="correct-milestone-time" type="datetime-local" className="input" value={when} onChange={(e) => setWhen(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="correct-milestone-note">Note</label>
        <input id="correct-milestone-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
    </FormDialog>
  );
}

function MarkMilestoneDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [kind, setKind] = useState<MilestoneKind>('detected');
  const [label, setLabel] = useState('');
  const [when, setWhen] = useState('');
  // What the field showed when the dialog opened: "now", to the minute.
  const [openedWhen, setOpenedWhen] = useState('');
  const [note, setNote] = useState('');
  // Each time the dialog opens, "when" starts at now; the person backdates it if needed.
  useEffect(() => {
    if (!open) return;
    const now = toLocalInputValue(Date.now());
    setWhen(now);
    setOpenedWhen(now);
  }, [open]);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Mark milestone"
      description="When it happened may be earlier than now."
      submitLabel="Mark milestone"
      onSubmit={() => {
        // Left as it opened, it means now, to the second: the field shows minutes only, and its
        // value would put the milestone up to a minute early (even before the declaration).
        if (when === openedWhen) return submitted(run((commands) => commands.markMilestone({ kind, label, note })));
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
              <option key={k} value={k}>
                {k === 'custom' ? 'Custom…' : MILESTONE_LABELS[k]}
              </option>
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
