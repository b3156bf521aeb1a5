// System changes made during the incident and whether each was rolled back.
import { useState } from 'react';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { WhenField, whenFrom } from '../../ui/WhenField';
import { formatClockTime } from '@core/time/instants';
import { useAction } from '../commands/registry';

export function ChangesPanel() {
  const changes = useCollection('changes');
  const people = useCollection('people');
  const run = useCommand();
  const [open, setOpen] = useState(false);
  useAction('change.log', () => setOpen(true));
  const inPlace = changes.filter((c) => c.state === 'applied').length;
  return (
    <section aria-label="System changes">
      <div className="item-actions" style={{ justifyContent: 'space-between', marginBottom: 4 }}>
        <span className="item-meta">{inPlace} still in place</span>
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          Log change
        </button>
      </div>
      {changes.length === 0 && (
        <p className="panel-empty">No changes logged. Log every change made to production so it can be rolled back.</p>
      )}
      <ul className="list">
        {changes.map((c) => (
          <li key={c.id} className="item" aria-label={`Change: ${c.description}`}>
            <span className="mono item-meta" style={{ minWidth: 44 }}>
              {formatClockTime(c.at)}
            </span>
            <div className="item-main">
              <div className="item-title">{c.description}</div>
              <div className="item-meta">
                {c.system} · {people.find((p) => p.id === c.madeBy)?.name ?? 'someone'} ·{' '}
                {c.state === 'rolled-back' ? (
                  <span className="ok-text">rolled back{c.rolledBackAt ? ` ${formatClockTime(c.rolledBackAt)}` : ''}</span>
                ) : (
                  <span className="warn-text">in place</span>
                )}
              </div>
            </div>
            {c.state === 'applied' && (
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Mark rolled back: ${c.description}`}
                onClick={() => run((commands) => commands.markChangeRolledBack({ changeId: c.id }), { toastRefusal: true })}
              >
                Rolled back
              </button>
            )}
          </li>
        ))}
      </ul>
      <LogChangeDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

function LogChangeDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [description, setDescription] = useState('');
  const [system, setSystem] = useState('');
  const [when, setWhen] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Log system change"
      description="A change made to a system during the incident, so it can be rolled back later."
      submitLabel="Log change"
      onSubmit={() => {
        const time = whenFrom(when);
        if (typeof time === 'string') return time;
        return submitted(run((commands) => commands.logSystemChange({ description, system, ...time })));
      }}
      onClosed={() => {
        setDescription('');
        setSystem('');
        setWhen('');
      }}
    >
      <div className="field">
        <label htmlFor="change-description">What changed</label>
        <input id="change-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} autoFocus />
      </div>
      <div className="field">
        <label htmlFor="change-system">System</label>
        <input
          id="change-system"
          className="input"
          value={system}
          onChange={(e) => setSystem(e.target.value)}
          placeholder="service, host or config"
        />
      </div>
      <WhenField id="change-when" label="When it was made" value={when} onChange={setWhen} />
    </FormDialog>
  );
}
