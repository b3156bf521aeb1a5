// The timeline: every entry, virtualized so a 10,000-entry incident scrolls smoothly.
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { TIMELINE_KINDS, type TimelineEntry } from '@core/model';
import { filterTimeline } from '@core/selectors';
import { useCollection, useCommand } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { formatClockTime, formatDateTime } from '@core/time/instants';
import { QuickEntry } from './QuickEntry';
import { CorrectEntryDialog, HistoryDialog, RetractDialog } from './Corrections';
import { BackfillButton } from './BackfillDialog';
import { AttachmentList, AttachToEntryButton, useAttachmentSync, useEntryDrop } from '../attachments/Attachments';
import './record.css';
import { FocusButton, usePanelFocus } from '../warroom/panelFocus';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import { useEntryText } from '../../i18n/useEntryText';

export function TimelinePanel() {
  const t = useT('timeline');
  const entries = useCollection('timeline');
  const kinds = useUiStore((s) => s.timelineKinds);
  const order = useUiStore((s) => s.timelineOrder);
  const toggleKind = useUiStore((s) => s.toggleTimelineKind);
  const setOrder = useUiStore((s) => s.setTimelineOrder);
  const visible = useMemo(() => filterTimeline(entries, { kinds, order }), [entries, kinds, order]);
  useAttachmentSync();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 52,
    overscan: 12,
    getItemKey: (index) => visible[index]!.id,
  });

  const focus = usePanelFocus('timeline');
  return (
    <section className={`panel grow panel-timeline${focus.className}`} aria-labelledby="timeline-heading" hidden={focus.hidden}>
      <div className="panel-head">
        <h2 id="timeline-heading">{t('panel.heading')}</h2>
        <span className="count" aria-live="polite">
          {visible.length === entries.length
            ? t('panel.count', { count: entries.length, n: String(entries.length) })
            : t('panel.filteredCount', { shown: visible.length, total: entries.length })}
        </span>
        <span className="spacer" />
        <BackfillButton />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => setOrder(order === 'newest-first' ? 'oldest-first' : 'newest-first')}
          aria-label={order === 'newest-first' ? t('panel.newestFirstLabel') : t('panel.oldestFirstLabel')}
        >
          {order === 'newest-first' ? t('panel.newestFirst') : t('panel.oldestFirst')}
        </button>
        <FocusButton panel="timeline" name={t('panel.heading')} />
      </div>
      <div className="timeline-tools" role="group" aria-label={t('panel.showKinds')}>
        {TIMELINE_KINDS.map((kind) => (
          <button key={kind} type="button" className="filter-toggle" aria-pressed={kinds.has(kind)} onClick={() => toggleKind(kind)}>
            {t(`kind.${kind}`)}
          </button>
        ))}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list takes focus so that keyboard users can scroll it (a group, not a second landmark inside the Timeline region). */}
      <div className="timeline-scroll" ref={scrollRef} tabIndex={0} role="group" aria-label={t('panel.entries')}>
        <ol
          aria-label={t('panel.heading')}
          style={{ height: virtualizer.getTotalSize(), position: 'relative', margin: 0, padding: 0, listStyle: 'none' }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const entry = visible[item.index]!;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                <TimelineRow entry={entry} />
              </li>
            );
          })}
        </ol>
        {visible.length === 0 && (
          <p className="panel-empty" style={{ padding: 12 }}>
            {t('panel.noMatch')}
          </p>
        )}
      </div>
      <QuickEntry />
    </section>
  );
}

function TimelineRow({ entry }: { entry: TimelineEntry }) {
  const t = useT('timeline');
  const display = useTimeDisplay();
  const entryText = useEntryText();
  const text = entryText(entry);
  const kind = t(`kind.${entry.kind}`);
  const run = useCommand();
  const [dialog, setDialog] = useState<'correct' | 'retract' | 'history' | null>(null);
  const late = entry.recordedAt - entry.at > 60_000;
  const retracted = entry.retractedAt !== null;
  const edited = entry.revisions.length > 0;
  const saidByOther = entry.saidById !== null && entry.saidByName !== '' && entry.saidById !== entry.authorId;
  const who = saidByOther ? t('row.saidByRecordedBy', { speaker: entry.saidByName, author: entry.authorName }) : entry.authorName;
  const close = (open: boolean) => setDialog(open ? dialog : null);
  const drop = useEntryDrop(entry.id, !retracted);
  return (
    <article
      {...drop}
      className={`entry kind-row-${entry.kind}${retracted ? ' retracted' : ''}`}
      aria-label={t(saidByOther ? 'row.labelSaidBy' : 'row.label', {
        kind,
        time: formatClockTime(entry.at, display),
        speaker: entry.saidByName,
        author: entry.authorName,
        retracted: retracted ? 'yes' : 'no',
      })}
    >
      <time className="entry-time mono" dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at, display)}>
        {formatClockTime(entry.at, display)}
      </time>
      <div className="entry-body">
        <div className="entry-text" data-testid="entry-text" id={`entry-text-${entry.id}`}>
          {text}
        </div>
        <AttachmentList entry={entry} />
        <div className="entry-meta">
          <span className={`kind kind-${entry.kind}`}>{kind}</span>
          <span>{who}</span>
          {late && <span title={t('row.recordedAt', { time: formatDateTime(entry.recordedAt, display) })}>{t('row.recordedLater')}</span>}
          {(edited || retracted) && (
            <button
              type="button"
              className="entry-flag"
              aria-label={t('row.historyLabel', { state: retracted ? 'retracted' : 'edited' })}
              title={t('row.showHistory')}
              onClick={() => setDialog('history')}
            >
              {retracted ? t('row.retracted') : t('row.edited')}
            </button>
          )}
          {!retracted && (
            <span className="entry-actions">
              <AttachToEntryButton entryId={entry.id} />
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={t('row.correctLabel')}
                aria-describedby={`entry-text-${entry.id}`}
                onClick={() => setDialog('correct')}
              >
                {t('row.correct')}
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={t('row.retractLabel')}
                aria-describedby={`entry-text-${entry.id}`}
                onClick={() => setDialog('retract')}
              >
                {t('row.retract')}
              </button>
            </span>
          )}
        </div>
      </div>
      {dialog === 'correct' && <CorrectEntryDialog entry={entry} open onOpenChange={close} />}
      {dialog === 'retract' && (
        <RetractDialog
          open
          onOpenChange={close}
          what={t('row.retractWhat', { text: text.length > 80 ? `${text.slice(0, 77)}…` : text })}
          onRetract={(reason) => run((commands) => commands.retractEntry({ entryId: entry.id, reason }))}
        />
      )}
      {dialog === 'history' && (
        <HistoryDialog
          open
          onOpenChange={close}
          title={t('row.historyTitle')}
          textLabel={t('row.text')}
          history={{
            text,
            at: entry.at,
            recordedAt: entry.recordedAt,
            recordedByName: entry.authorName,
            // An automatic record's words never change (only its time can): each version reads as it does now.
            revisions: entry.kind === 'event' ? entry.revisions.map((revision) => ({ ...revision, text })) : entry.revisions,
            retractedAt: entry.retractedAt,
            retractedByName: entry.retractedByName,
            retractionReason: entry.retractionReason,
          }}
        />
      )}
    </article>
  );
}
