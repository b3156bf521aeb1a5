// The hypotheses board: what we suspect, kept apart from facts, with evidence and checks.
import { useState } from 'react';
import { HYPOTHESIS_STATUSES, type Hypothesis, type HypothesisStatus, type CheckOutcome } from '@core/model';
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
import { useT } from '../../i18n';
import { LongList, type LongListRowProps } from '../tasks/LongList';

/** A folded hypothesis card's first guess of its height; cards are measured once shown. */
const CARD_HEIGHT = 44;
/** Space between cards (their margin when listed in full). */
const CARD_GAP = 8;
/** Evidence and check lines an unfolded card shows before "Show all". */
const DETAIL_LINES = 6;

export function HypothesesBoard() {
  const hypotheses = useCollection('hypotheses');
  const [open, setOpen] = useState(false);
  useAction('hypothesis.new', () => setOpen(true));
  const focus = usePanelFocus('hypotheses');
  const t = useT('work');
  const tc = useT('common');
  const groups = hypothesesByStatus(hypotheses);
  const active = [...groups.investigating, ...groups.open];
  // A confirmed hypothesis is the best knowledge the room has: it stays in view; ruled-out ones fold.
  const shown = [...active, ...groups.confirmed];
  const cards = (list: readonly Hypothesis[], label: string) => (
    <LongList
      as="div"
      role="group"
      aria-label={label}
      items={list}
      getKey={(h) => h.id}
      estimateSize={CARD_HEIGHT}
      gap={CARD_GAP}
      renderItem={(h, row) => <HypothesisCard hypothesis={h} detailed={focus.focused} row={row} />}
    />
  );
  return (
    <section className={`panel panel-hypotheses${focus.className}`} aria-labelledby="hypotheses-heading" hidden={focus.hidden}>
      <div className="panel-head">
        <h2 id="hypotheses-heading">{t('hypotheses.title')}</h2>
        <span className="count">{t('openCount', { count: active.length })}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {t('hypotheses.new')}
        </button>
        <FocusButton panel="hypotheses" name={t('hypotheses.title')} />
      </div>
      <div className="panel-body">
        {hypotheses.length === 0 && <p className="panel-empty">{t('hypotheses.empty')}</p>}
        {shown.length > 0 && cards(shown, t('hypotheses.shownGroup'))}
        <Fold label={tc('hypothesisStatus.ruled-out')} count={groups['ruled-out'].length}>
          {() => cards(groups['ruled-out'], t('hypotheses.ruledOutGroup'))}
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
function HypothesisCard({ hypothesis, detailed, row }: { hypothesis: Hypothesis; detailed: boolean; row: LongListRowProps }) {
  const t = useT('work');
  const tc = useT('common');
  const people = useCollection('people');
  const run = useCommand();
  const [evidenceOpen, setEvidenceOpen] = useState(false);
  const [checkOpen, setCheckOpen] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [allLines, setAllLines] = useState(false);
  const owner = people.find((p) => p.id === hypothesis.ownerId);
  usePublishEditing(evidenceOpen || checkOpen ? { collection: 'hypotheses', id: hypothesis.id } : null);
  const forCount = hypothesis.evidence.filter((e) => e.stance === 'for').length;
  const againstCount = hypothesis.evidence.length - forCount;
  const pending = hypothesis.checks.filter((c) => c.outcome === 'pending').length;
  const hasDetails = hypothesis.evidence.length > 0 || hypothesis.checks.length > 0;
  const showDetails = hasDetails && (expanded || detailed);
  const lines = [...hypothesis.evidence.map((e) => ({ evidence: e })), ...hypothesis.checks.map((c) => ({ check: c }))];
  // A long-argued hypothesis folds its lines, in their order: every pending check (it needs an
  // answer) and the latest of the rest, up to DETAIL_LINES; "Show all" unfolds them.
  const settled = lines.filter((line) => !('check' in line && line.check.outcome === 'pending'));
  const latest = new Set(settled.slice(Math.max(0, settled.length - Math.max(0, DETAIL_LINES - (lines.length - settled.length)))));
  const shownLines = allLines || lines.length <= DETAIL_LINES ? lines : lines.filter((line) => latest.has(line) || !settled.includes(line));
  return (
    <article
      className={`hyp-card status-${hypothesis.status}`}
      aria-label={t('hypotheses.card', { statement: hypothesis.statement })}
      {...row}
    >
      <div className="row">
        {hasDetails && !detailed ? (
          <button
            type="button"
            className="row-toggle"
            aria-expanded={expanded}
            aria-label={t('hypotheses.toggle', { statement: hypothesis.statement })}
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
          <span className={`hyp-status hyp-status-${hypothesis.status}`}>{tc(`hypothesisStatus.${hypothesis.status}`)}</span>
          {owner && <span className="row-who">{owner.name}</span>}
          {hypothesis.evidence.length > 0 && (
            <span title={t('hypotheses.tally', { for: forCount, against: againstCount })}>
              <span className="ok-text">+{forCount}</span> <span className="danger-text">−{againstCount}</span>
            </span>
          )}
          {pending > 0 && <span className="warn-text">{t('hypotheses.pending', { count: pending })}</span>}
        </span>
        <div className="row-actions">
          <label className="visually-hidden" htmlFor={`hyp-status-${hypothesis.id}`}>
            {t('hypotheses.statusOf', { statement: hypothesis.statement })}
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
                {tc(`hypothesisStatus.${s}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setEvidenceOpen(true)}
            aria-label={t('hypotheses.addEvidenceLabel', { statement: hypothesis.statement })}
          >
            {t('hypotheses.addEvidence')}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setCheckOpen(true)}
            aria-label={t('hypotheses.addCheckLabel', { statement: hypothesis.statement })}
          >
            {t('hypotheses.addCheck')}
          </button>
        </div>
      </div>
      {showDetails && (
        <ul className="evidence">
          {shownLines.map((line) =>
            'evidence' in line ? (
              <li key={line.evidence.id}>
                <span className={line.evidence.stance === 'for' ? 'ok-text' : 'danger-text'}>
                  {t(line.evidence.stance === 'for' ? 'hypotheses.for' : 'hypotheses.against')}
                </span>{' '}
                {line.evidence.text}
              </li>
            ) : (
              <CheckLine key={line.check.id} hypothesisId={hypothesis.id} check={line.check} />
            ),
          )}
          {lines.length > DETAIL_LINES && (
            <li>
              <button type="button" className="btn btn-ghost btn-small" aria-expanded={allLines} onClick={() => setAllLines(!allLines)}>
                {allLines ? t('hypotheses.showFewer') : t('hypotheses.showAll', { count: lines.length })}
              </button>
            </li>
          )}
        </ul>
      )}
      <EvidenceDialog open={evidenceOpen} onOpenChange={setEvidenceOpen} hypothesis={hypothesis} />
      <CheckDialog open={checkOpen} onOpenChange={setCheckOpen} hypothesis={hypothesis} />
    </article>
  );
}

function CheckLine({ hypothesisId, check }: { hypothesisId: string; check: Hypothesis['checks'][number] }) {
  const t = useT('work');
  const tc = useT('common');
  const run = useCommand();
  const [result, setResult] = useState('');
  if (check.outcome !== 'pending') {
    return (
      <li>
        <span className="faint">{t('hypotheses.check')}</span> {check.description} → <strong>{tc(`checkOutcome.${check.outcome}`)}</strong>:{' '}
        {check.result}
      </li>
    );
  }
  const record = (outcome: CheckOutcome) =>
    run((commands) => commands.recordCheckResult({ hypothesisId, checkId: check.id, outcome, result }), { toastRefusal: true }).ok &&
    setResult('');
  return (
    <li>
      <span className="faint">{t('hypotheses.check')}</span> {check.description}{' '}
      <span className="warn-text">{t('hypotheses.checkPending')}</span>
      <div className="item-actions" style={{ marginTop: 2 }}>
        <input
          className="input"
          style={{ padding: '2px 6px', fontSize: 12 }}
          aria-label={t('hypotheses.resultOf', { description: check.description })}
          placeholder={t('hypotheses.resultPlaceholder')}
          value={result}
          onChange={(e) => setResult(e.target.value)}
        />
        <button type="button" className="btn btn-small" onClick={() => record('supports')}>
          {tc('checkOutcome.supports')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => record('refutes')}>
          {tc('checkOutcome.refutes')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => record('inconclusive')}>
          {tc('checkOutcome.inconclusive')}
        </button>
      </div>
    </li>
  );
}

function NewHypothesisDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('work');
  const run = useCommand();
  const [statement, setStatement] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [when, setWhen] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('hypotheses.newDialog.title')}
      description={t('hypotheses.newDialog.description')}
      submitLabel={t('hypotheses.newDialog.submit')}
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
        <label htmlFor="hypothesis-statement">{t('hypotheses.newDialog.statement')}</label>
        <textarea
          id="hypothesis-statement"
          className="textarea"
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor="hypothesis-owner">{t('hypotheses.newDialog.owner')}</label>
        <PersonSelect id="hypothesis-owner" value={ownerId} onChange={setOwnerId} placeholder={t('hypotheses.newDialog.noOwner')} />
      </div>
      <WhenField id="hypothesis-when" label={t('hypotheses.newDialog.firstSuspected')} value={when} onChange={setWhen} />
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
  const t = useT('work');
  const tc = useT('common');
  const run = useCommand();
  const [stance, setStance] = useState<'for' | 'against'>('for');
  const [text, setText] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('hypotheses.evidenceDialog.title')}
      description={hypothesis.statement}
      submitLabel={t('hypotheses.evidenceDialog.submit')}
      onSubmit={() => submitted(run((commands) => commands.addEvidence({ hypothesisId: hypothesis.id, stance, text })))}
      onClosed={() => setText('')}
    >
      <fieldset className="field" style={{ border: 0, padding: 0 }}>
        <legend className="field-label">{t('hypotheses.evidenceDialog.stance')}</legend>
        <div className="item-actions">
          <label>
            <input type="radio" name="stance" checked={stance === 'for'} onChange={() => setStance('for')} /> {tc('evidenceStance.for')}
          </label>
          <label>
            <input type="radio" name="stance" checked={stance === 'against'} onChange={() => setStance('against')} />{' '}
            {tc('evidenceStance.against')}
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="evidence-text">{t('hypotheses.evidenceDialog.observed')}</label>
        <textarea id="evidence-text" className="textarea" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      </div>
    </FormDialog>
  );
}

function CheckDialog({ open, onOpenChange, hypothesis }: { open: boolean; onOpenChange: (open: boolean) => void; hypothesis: Hypothesis }) {
  const t = useT('work');
  const run = useCommand();
  const [description, setDescription] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('hypotheses.checkDialog.title')}
      description={hypothesis.statement}
      submitLabel={t('hypotheses.checkDialog.submit')}
      onSubmit={() => submitted(run((commands) => commands.recordCheck({ hypothesisId: hypothesis.id, description })))}
      onClosed={() => setDescription('')}
    >
      <div className="field">
        <label htmlFor="check-description">{t('hypotheses.checkDialog.what')}</label>
        <input id="check-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} autoFocus />
      </div>
    </FormDialog>
  );
}
