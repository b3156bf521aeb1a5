// Milestones: the key moments, backdatable, from which the incident metrics follow. A milestone
// recorded wrong is corrected (time, note) or retracted, never erased; its history stays.
import { useEffect, useState } from 'react';
import { MILESTONE_KINDS, type Milestone, type MilestoneKind } from '@core/model';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { formatClockTime, formatDateTime, fromLocalInputValue, toLocalInputValue } from '@core/time/instants';
import { MetricsStrip } from '../metrics/MetricsStrip';
import { HistoryDialog, RetractDialog } from '../timeline/Corrections';
import { correctedTime } from '../timeline/entryWhen';
import '../timeline/record.css';
import { FocusButton, usePanelFocus } from '../warroom/panelFocus';
import { useAction } from '../commands/registry';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import { LongList, type LongListRowProps } from '../tasks/LongList';

/** A milestone row's first guess of its height; measured once shown. */
const MILESTONE_ROW_HEIGHT = 30;

/** A milestone's name in the UI language: its kind, or the label a custom one was given. */
function useMilestoneName(): (kind: MilestoneKind, label: string) => string {
  const tc = useT('common');
  return (kind, label) => (kind === 'custom' && label ? label : tc(`milestone.${kind}`));
}

export function MilestonesPanel() {
  const milestones = useCollection('milestones');
  const [open, setOpen] = useState(false);
  useAction('milestone.mark', () => setOpen(true));
  const focus = usePanelFocus('milestones');
  const t = useT('work');
  return (
    <section className={`panel panel-milestones${focus.className}`} aria-labelledby="milestones-heading" hidden={focus.hidden}>
      <div className="panel-head">
        <h2 id="milestones-heading">{t('milestones.title')}</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {t('milestones.mark')}
        </button>
        <FocusButton panel="milestones" name={t('milestones.title')} />
      </div>
      <div className="panel-body">
        <MetricsStrip />
        <LongList
          as="ol"
          className="list rows"
          aria-label={t('milestones.listLabel')}
          items={milestones}
          getKey={(m) => m.id}
          estimateSize={MILESTONE_ROW_HEIGHT}
          renderItem={(m, row) => <MilestoneRow milestone={m} row={row} />}
        />
      </div>
      <MarkMilestoneDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

function MilestoneRow({ milestone: m, row }: { milestone: Milestone; row: LongListRowProps }) {
  const t = useT('work');
  const display = useTimeDisplay();
  const milestoneName = useMilestoneName();
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
      aria-label={t(retracted ? 'milestones.rowRetracted' : 'milestones.row', { name, time: formatClockTime(m.at, display) })}
      {...row}
    >
      <span className="mono item-meta" style={{ minWidth: 44 }} title={formatDateTime(m.at, display)}>
        {formatClockTime(m.at, display)}
      </span>
      <div className="item-main">
        <div className="item-title">{name}</div>
        {(m.note || late || edited || retracted) && (
          <div className="item-meta entry-meta">
            {m.note && <span>{m.note}</span>}
            {late && (
              <span className="faint" title={t('milestones.recordedAt', { time: formatDateTime(m.recordedAt, display) })}>
                {m.note ? '· ' : ''}
                {t('milestones.recordedLater')}
              </span>
            )}
            {(edited || retracted) && (
              <button
                type="button"
                className="entry-flag"
                aria-label={t(retracted ? 'milestones.retractedHistory' : 'milestones.editedHistory', { name })}
                onClick={() => setDialog('history')}
              >
                {t(retracted ? 'milestones.retracted' : 'milestones.edited')}
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
            aria-label={t('milestones.correctLabel', { name })}
            onClick={() => setDialog('correct')}
          >
            {t('milestones.correct')}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label={t('milestones.retractLabel', { name })}
            onClick={() => setDialog('retract')}
          >
            {t('milestones.retract')}
          </button>
        </span>
      )}
      {dialog === 'correct' && <CorrectMilestoneDialog milestone={m} onOpenChange={close} />}
      {dialog === 'retract' && (
        <RetractDialog
          open
          onOpenChange={close}
          what={t('milestones.retractWhat', { name, time: formatClockTime(m.at, display) })}
          onRetract={(reason) => run((commands) => commands.retractMilestone({ milestoneId: m.id, reason }))}
        />
      )}
      {dialog === 'history' && (
        <HistoryDialog
          open
          onOpenChange={close}
          title={t('milestones.historyTitle', { name })}
          textLabel={t('milestones.note')}
          history={{
            text: m.note,
            at: m.at,
            recordedAt: m.recordedAt,
            recordedByName: people.find((p) => p.id === m.by)?.name ?? t('someone'),
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
  const t = useT('work');
  const milestoneName = useMilestoneName();
  const run = useCommand();
  const [when, setWhen] = useState(toLocalInputValue(milestone.at));
  const [note, setNote] = useState(milestone.note);
  return (
    <FormDialog
      open
      onOpenChange={onOpenChange}
      title={t('milestones.correctDialog.title', { name: milestoneName(milestone.kind, milestone.label) })}
      description={t('milestones.correctDialog.description')}
      submitLabel={t('milestones.correctDialog.submit')}
      onSubmit={() => {
        const time = correctedTime(when, milestone.at);
        if (typeof time === 'string') return time;
        const changes = { ...time, ...(note !== milestone.note ? { note } : {}) };
        return submitted(run((commands) => commands.correctMilestone({ milestoneId: milestone.id, ...changes })));
      }}
    >
      <div className="field">
        <label htmlFor="correct-milestone-time">{t('milestones.correctDialog.when')}</label>
        <input id="correct-milestone-time" type="datetime-local" className="input" value={when} onChange={(e) => setWhen(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="correct-milestone-note">{t('milestones.correctDialog.note')}</label>
        <input id="correct-milestone-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
    </FormDialog>
  );
}

function MarkMilestoneDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('work');
  const tc = useT('common');
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
      title={t('milestones.markDialog.title')}
      description={t('milestones.markDialog.description')}
      submitLabel={t('milestones.markDialog.submit')}
      onSubmit={() => {
        // Left as it opened, it means now, to the second: the field shows minutes only, and its
        // value would put the milestone up to a minute early (even before the declaration).
        if (when === openedWhen) return submitted(run((commands) => commands.markMilestone({ kind, label, note })));
        const at = fromLocalInputValue(when);
        if (at === null) return t('milestones.markDialog.enterWhen');
        return submitted(run((commands) => commands.markMilestone({ kind, label, at, note })));
      }}
      onClosed={() => {
        setLabel('');
        setNote('');
      }}
    >
      <div className="form-row">
        <div className="field">
          <label htmlFor="milestone-kind">{t('milestones.markDialog.kind')}</label>
          <select id="milestone-kind" className="select" value={kind} onChange={(e) => setKind(e.target.value as MilestoneKind)}>
            {MILESTONE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k === 'custom' ? t('milestones.markDialog.custom') : tc(`milestone.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="milestone-time">{t('milestones.markDialog.when')}</label>
          <input id="milestone-time" type="datetime-local" className="input" value={when} onChange={(e) => setWhen(e.target.value)} />
        </div>
      </div>
      {kind === 'custom' && (
        <div className="field">
          <label htmlFor="milestone-label">{t('milestones.markDialog.name')}</label>
          <input id="milestone-label" className="input" value={label} onChange={(e) => setLabel(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor="milestone-note">{t('milestones.markDialog.note')}</label>
        <input id="milestone-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
    </FormDialog>
  );
}
