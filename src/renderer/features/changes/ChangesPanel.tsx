// System changes made during the incident and whether each was rolled back.
import { useState } from 'react';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { WhenField, whenFrom } from '../../ui/WhenField';
import { formatClockTime } from '@core/time/instants';
import type { SystemChange } from '@core/model';
import { Fold } from '../warroom/Fold';
import { useAction } from '../commands/registry';

export function ChangesPanel() {
  const changes = useCollection('changes');
  const [open, setOpen] = useState(false);
  useAction('change.log', () => setOpen(true));
  const inPlace = changes.filter((c) => c.state === 'applied');
  const rolledBack = changes.filter((c) => c.state !== 'applied');
  return (
    <section aria-label="System changes">
      <div className="panel-toolbar">
        <span className="item-meta">{inPlace.length} still in place</span>
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          Log change
        </button>
      </div>
      {changes.length === 0 && (
        <p className="panel-empty">No changes logged. Log every change made to production so it can be rolled back.</p>
      )}
      <ul className="list rows">
        {inPlace.map((c) => (
          <ChangeRow key={c.id} change={c} />
        ))}
      </ul>
      {/* What was undone no longer acts on production: it folds, the record keeps it. */}
      <Fold label="Rolled back" count={rolledBack.length}>
        {() => (
          <ul className="list rows" aria-label="Rolled-back changes">
            {rolledBack.map((c) => (
              <ChangeRow key={c.id} change={c} />
            ))}
          </ul>
        )}
      </Fold>
      <LogChangeDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

/** One line per change: when · what · system · who · state, with "Rolled back" on hover or focus. */
function ChangeRow({ change: c }: { change: SystemChange }) {
  const people = useCollection('people');
  const run = useCommand();
  return (
    <li className="item row change-row" aria-label={`Change: ${c.description}`}>
      <span className="mono row-time">{formatClockTime(c.at)}</span>
      <span className="row-title" title={c.description}>
        {c.description}
      </span>
      {/* Who made it is in the tooltip: the system is what the IC needs to tie a change to a symptom. */}
      <span className="row-meta" title={`Made by ${people.find((p) => p.id === c.madeBy)?.name ?? 'someone'}`}>
        <span className="row-who">{c.system}</span>
        {c.state === 'rolled-back' ? (
          <span className="ok-text">rolled back{c.rolledBackAt ? ` ${formatClockTime(c.rolledBackAt)}` : ''}</span>
        ) : (
          <span className="warn-text">in place</span>
        )}
      </span>
      {c.state === 'applied' && (
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Mark rolled back: ${c.description}`}
            onClick={() => run((commands) => commands.markChangeRolledBack({ changeId: c.id }), { toastRefusal: true })}
          >
            Rolled back
          </button>
        </div>
      )}
    </li>
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
