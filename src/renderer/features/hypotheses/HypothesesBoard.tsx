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
import { Fold } from '../warroom/Fold';
import { FocusButton, usePanelFocus } from '../warroom/panelFocus';
import { useAction } from '../commands/registry';

export function HypothesesBoard() {
  const hypotheses = useCollection('hypotheses');
  const [open, setOpen] = useState(false);
  useAction('hypothesis.new', () => setOpen(true));
  const focus = usePanelFocus('hypotheses');
  const groups = hypothesesByStatus(hypotheses);
  const active = [...groups.investigating, ...groups.open];
  // A confirmed hypothesis is the best knowledge the room has: it stays in view; ruled-out ones fold.
  const shown = [...active, ...groups.confirmed];
  return (
    <section className={`panel panel-hypotheses${focus.className}`} aria-labelledby="hypotheses-heading" hidden={focus.hidden}>
      <div className="panel-head">
        <h2 id="hypotheses-heading">Hypotheses</h2>
        <span className="count">{active.length} open</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          New hypothesis
        </button>
        <FocusButton panel="hypotheses" name="Hypotheses" />
      </div>
      <div className="panel-body">
        {hypotheses.length === 0 && <p className="panel-empty">No hypotheses yet. Record what you suspect here, facts in the timeline.</p>}
        {shown.length > 0 && (
          <div role="group" aria-label="Open, investigating and confirmed hypotheses">
            {shown.map((h) => (
              <HypothesisCard key={h.id} hypothesis={h} detailed={focus.focused} />
            ))}
          </div>
        )}
        <Fold label="Ruled out" count={groups['ruled-out'].length}>
          {() => (
            <div role="group" aria-label="Ruled-out hypotheses">
              {groups['ruled-out'].map((h) => (
                <HypothesisCard key={h.id} hypothesis={h} detailed={focus.focused} />
              ))}
            </div>
          )}
        </Fold>
      </div>
      <NewHypothesisDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

/**
 * One line per hypothesis: statement · status · owner · evidence for and against · checks pending,
 * with its controls on hover or focus; the evidence and checks themselves unfold under it (always in
 * focus mode).
 */
function HypothesisCard({ hypothesis, detailed }: { hypothesis: Hypothesis; detailed: boolean }) {
  const people = useCollection('people');
  const run = useCommand();
  const [evidenceOpen, setEvidenceOpen] = useState(false);
  const [checkOpen, setCheckOpen] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const owner = people.find((p) => p.id === hypothesis.ownerId);
  usePublishEditing(evidenceOpen || checkOpen ? { collection: 'hypotheses', id: hypothesis.id } : null);
  const forCount = hypothesis.evidence.filter((e) => e.stance === 'for').length;
  const againstCount = hypothesis.evidence.length - forCount;
  const pending = hypothesis.checks.filter((c) => c.outcome === 'pending').length;
  const hasDetails = hypothesis.evidence.length > 0 || hypothesis.checks.length > 0;
  const showDetails = hasDetails && (expanded || detailed);
  return (
    <article className={`hyp-card status-${hypothesis.status}`} aria-label={`Hypothesis: ${hypothesis.statement}`}>
      <div className="row">
        {hasDetails && !detailed ? (
          <button
            type="button"
            className="row-toggle"
            aria-expanded={expanded}
            aria-label={`Evidence and checks of ${hypothesis.statement}`}
            onClick={() => setExpanded(!expanded)}
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="row-toggle" aria-hidden="true" />
        )}
        <span className="row-title item-title" title={hypothesis.statement}>
          {hypothesis.statement}
          <EditingBadge subject={{ collection: 'hypotheses', id: hypothesis.id }} />
        </span>
        <span className="row-meta">
          <span className={`hyp-status hyp-status-${hypothesis.status}`}>{HYPOTHESIS_STATUS_LABELS[hypothesis.status]}</span>
          {owner && <span className="row-who">{owner.name}</span>}
          {hypothesis.evidence.length > 0 && (
            <span title={`${forCount} for, ${againstCount} against`}>
              <span className="ok-text">+{forCount}</span> <span className="danger-text">−{againstCount}</span>
            </span>
          )}
          {pending > 0 && <span className="warn-text">{pending === 1 ? '1 check pending' : `${pending} checks pending`}</span>}
        </span>
        <div className="row-actions">
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
      </div>
      {showDetails && (
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
