// The hypotheses board: what we suspect, kept apart from facts, with evidence and checks.
import { useState } from 'react';
import { HYPOTHESIS_STATUSES, type Hypothesis, type HypothesisStatus, type CheckOutcome } from '@core/model';
import { CHECK_OUTCOME_LABELS, HYPOTHESIS_STATUS_LABELS } from '@core/commands';
import { hypothesesByStatus } from '@core/selectors';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { WhenField, whenFrom } from '../../ui/WhenField';
import { PersonSelect } from '../people/PersonSelect';
import { EditingBadge } from '../room/EditingBadge';
import { usePublishEditing } from '../room/useNetwork';
import { useAction } from '../commands/registry';

export function HypothesesBoard() {
  const hypotheses = useCollection('hypotheses');
  const [open, setOpen] = useState(false);
  useAction('hypothesis.new', () => setOpen(true));
  const groups = hypothesesByStatus(hypotheses);
  const active = [...groups.investigating, ...groups.open];
  const settled = [...groups.confirmed, ...groups['ruled-out']];
  return (
    <section className="panel grow" aria-labelledby="hypotheses-heading">
      <div className="panel-head">
        <h2 id="hypotheses-heading">Hypotheses</h2>
        <span className="count">{active.length} open</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          New hypothesis
        </button>
      </div>
      <div className="panel-body">
        {hypotheses.length === 0 && <p className="panel-empty">No hypotheses yet. Record what you suspect here, facts in the timeline.</p>}
        {hypotheses.length > 0 && (
          <div className="hyp-columns">
            <div role="group" aria-label="Open and investigating hypotheses">
              <div className="group-label">Open · investigating</div>
              {active.map((h) => (
                <HypothesisCard key={h.id} hypothesis={h} />
              ))}
            </div>
            <div role="group" aria-label="Confirmed and ruled-out hypotheses">
              <div className="group-label">Confirmed · ruled out</div>
              {settled.map((h) => (
                <HypothesisCard key={h.id} hypothesis={h} />
              ))}
            </div>
          </div>
        )}
      </div>
      <NewHypothesisDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

function HypothesisCard({ hypothesis }: { hypothesis: Hypothesis }) {
  const people = useCollection('people');
  const run = useCommand();
  const [evidenceOpen, setEvidenceOpen] = useState(false);
  const [checkOpen, setCheckOpen] = useState(false);
  const owner = people.find((p) => p.id === hypothesis.ownerId);
  usePublishEditing(evidenceOpen || checkOpen ? { collection: 'hypotheses', id: hypothesis.id } : null);
  return (
    <article className={`hyp-card status-${hypothesis.status}`} aria-label={`Hypothesis: ${hypothesis.statement}`}>
      <div className="item-title">
        {hypothesis.statement}
        <EditingBadge subject={{ collection: 'hypotheses', id: hypothesis.id }} />
      </div>
      <div className="item-meta">
        {HYPOTHESIS_STATUS_LABELS[hypothesis.status]}
        {owner ? ` · ${owner.name}` : ''}
      </div>
      {(hypothesis.evidence.length > 0 || hypothesis.checks.length > 0) && (
        <ul className="evidence">
          {hypothesis.evidence.map((e) => (
            <li key={e.id}>
              <span className={e.stance === 'for' ? 'ok-text' : 'danger-text'}>{e.stance === 'for' ? '+ for' : '− against'}</span> {e.text}
            </li>
          ))}
          {hypothesis.checks.map((c) => (
            <CheckLine key={c.id} hypothesisId={hypothesis.id} check={c} />
          ))}
        </ul>
      )}
      <div className="item-actions" style={{ marginTop: 6 }}>
        <label className="visually-hidden" htmlFor={`hyp-status-${hypothesis.id}`}>
          Status of hypothesis {hypothesis.statement}
        </label>
        <select
          id={`hyp-status-${hypothesis.id}`}
          className="mini-select"
          value={hypothesis.status}
          onChange={(e) =>
            run((commands) => commands.setHypothesisStatus({ hypothesisId: hypothesis.id, status: e.target.value as HypothesisStatus }), {
              toastRefusal: true,
            })
          }
        >
          {HYPOTHESIS_STATUSES.map((s) => (
            <option key={s} value={s}>
              {HYPOTHESIS_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => setEvidenceOpen(true)}
          aria-label={`Add evidence to ${hypothesis.statement}`}
        >
          + Evidence
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => setCheckOpen(true)}
          aria-label={`Add check to ${hypothesis.statement}`}
        >
          + Check
        </button>
      </div>
      <EvidenceDialog open={evidenceOpen} onOpenChange={setEvidenceOpen} hypothesis={hypothesis} />
      <CheckDialog open={checkOpen} onOpenChange={setCheckOpen} hypothesis={hypothesis} />
    </article>
  );
}

function CheckLine({ hypothesisId, check }: { hypothesisId: string; check: Hypothesis['checks'][number] }) {
  const run = useCommand();
  const [result, setResult] = useState('');
  if (check.outcome !== 'pending') {
    return (
      <li>
        <span className="faint">check</span> {check.description} → <strong>{CHECK_OUTCOME_LABELS[check.outcome]}</strong>: {check.result}
      </li>
    );
  }
  const record = (outcome: CheckOutcome) =>
    run((commands) => commands.recordCheckResult({ hypothesisId, checkId: check.id, outcome, result }), { toastRefusal: true }).ok &&
    setResult('');
  return (
    <li>
      <span className="faint">check</span> {check.description} <span className="warn-text">pending</span>
      <div className="item-actions" style={{ marginTop: 2 }}>
        <input
          className="input"
          style={{ padding: '2px 6px', fontSize: 12 }}
          aria-label={`Result of check ${check.description}`}
          placeholder="What did it show?"
          value={result}
          onChange={(e) => setResult(e.target.value)}
        />
        <button type="button" className="btn btn-small" onClick={() => record('supports')}>
          Supports
        </button>
        <button type="button" className="btn btn-small" onClick={() => record('refutes')}>
          Refutes
        </button>
        <button type="button" className="btn btn-small" onClick={() => record('inconclusive')}>
          Inconclusive
        </button>
      </div>
    </li>
  );
}

function NewHypothesisDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [statement, setStatement] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [when, setWhen] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="New hypothesis"
      description="A suspicion to test, not a fact. It starts open."
      submitLabel="Add hypothesis"
      onSubmit={() => {
        const time = whenFrom(when);
        if (typeof time === 'string') return time;
        return submitted(run((commands) => commands.proposeHypothesis({ statement, ownerId: ownerId || null, ...time })));
      }}
      onClosed={() => {
        setStatement('');
        setOwnerId('');
        setWhen('');
      }}
    >
      <div className="field">
        <label htmlFor="hypothesis-statement">Hypothesis</label>
        <textarea
          id="hypothesis-statement"
          className="textarea"
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor="hypothesis-owner">Owner (optional)</label>
        <PersonSelect id="hypothesis-owner" value={ownerId} onChange={setOwnerId} placeholder="No owner yet" />
      </div>
      <WhenField id="hypothesis-when" label="First suspected" value={when} onChange={setWhen} />
    </FormDialog>
  );
}

function EvidenceDialog({
  open,
  onOpenChange,
  hypothesis,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  hypothesis: Hypothesis;
}) {
  const run = useCommand();
  const [stance, setStance] = useState<'for' | 'against'>('for');
  const [text, setText] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add evidence"
      description={hypothesis.statement}
      submitLabel="Add evidence"
      onSubmit={() => submitted(run((commands) => commands.addEvidence({ hypothesisId: hypothesis.id, stance, text })))}
      onClosed={() => setText('')}
    >
      <fieldset className="field" style={{ border: 0, padding: 0 }}>
        <legend className="field-label">Evidence is</legend>
        <div className="item-actions">
          <label>
            <input type="radio" name="stance" checked={stance === 'for'} onChange={() => setStance('for')} /> For
          </label>
          <label>
            <input type="radio" name="stance" checked={stance === 'against'} onChange={() => setStance('against')} /> Against
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="evidence-text">What was observed</label>
        <textarea id="evidence-text" className="textarea" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      </div>
    </FormDialog>
  );
}

function CheckDialog({ open, onOpenChange, hypothesis }: { open: boolean; onOpenChange: (open: boolean) => void; hypothesis: Hypothesis }) {
  const run = useCommand();
  const [description, setDescription] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add check"
      description={hypothesis.statement}
      submitLabel="Start check"
      onSubmit={() => submitted(run((commands) => commands.recordCheck({ hypothesisId: hypothesis.id, description })))}
      onClosed={() => setDescription('')}
    >
      <div className="field">
        <label htmlFor="check-description">What will be checked</label>
        <input id="check-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} autoFocus />
      </div>
    </FormDialog>
  );
}
