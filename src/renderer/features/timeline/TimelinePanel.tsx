// The timeline: every entry, virtualized so a 10,000-entry incident scrolls smoothly.
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '@core/model';
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

export const KIND_LABELS: Record<TimelineKind, string> = {
  note: 'Note',
  fact: 'Fact',
  decision: 'Decision',
  action: 'Action',
  event: 'Record',
};

export function TimelinePanel() {
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
        <h2 id="timeline-heading">Timeline</h2>
        <span className="count" aria-live="polite">
          {visible.length === entries.length ? `${entries.length} entries` : `${visible.length} of ${entries.length}`}
        </span>
        <span className="spacer" />
        <BackfillButton />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => setOrder(order === 'newest-first' ? 'oldest-first' : 'newest-first')}
          aria-label={order === 'newest-first' ? 'Newest first; switch to oldest first' : 'Oldest first; switch to newest first'}
        >
          {order === 'newest-first' ? '↓ Newest first' : '↑ Oldest first'}
        </button>
        <FocusButton panel="timeline" name="Timeline" />
      </div>
      <div className="timeline-tools" role="group" aria-label="Show entry kinds">
        {TIMELINE_KINDS.map((kind) => (
          <button key={kind} type="button" className="filter-toggle" aria-pressed={kinds.has(kind)} onClick={() => toggleKind(kind)}>
            {KIND_LABELS[kind]}
          </button>
        ))}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list takes focus so that keyboard users can scroll it (a group, not a second landmark inside the Timeline region). */}
      <div className="timeline-scroll" ref={scrollRef} tabIndex={0} role="group" aria-label="Timeline entries">
        <ol
          aria-label="Timeline"
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
            No entries match the filter.
          </p>
        )}
      </div>
      <QuickEntry />
    </section>
  );
}

function TimelineRow({ entry }: { entry: TimelineEntry }) {
  const run = useCommand();
  const [dialog, setDialog] = useState<'correct' | 'retract' | 'history' | null>(null);
  const late = entry.recordedAt - entry.at > 60_000;
  const retracted = entry.retractedAt !== null;
  const edited = entry.revisions.length > 0;
  const saidByOther = entry.saidById !== null && entry.saidByName !== '' && entry.saidById !== entry.authorId;
  const who = saidByOther ? `said by ${entry.saidByName} · recorded by ${entry.authorName}` : entry.authorName;
  const close = (open: boolean) => setDialog(open ? dialog : null);
  const drop = useEntryDrop(entry.id, !retracted);
  return (
    <article
      {...drop}
      className={`entry kind-row-${entry.kind}${retracted ? ' retracted' : ''}`}
      aria-label={`${KIND_LABELS[entry.kind]} at ${formatClockTime(entry.at)} ${saidByOther ? `said by ${entry.saidByName}, recorded by ${entry.authorName}` : `by ${entry.authorName}`}${retracted ? ', retracted' : ''}`}
    >
      <time className="entry-time mono" dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at)}>
        {formatClockTime(entry.at)}
      </time>
      <div className="entry-body">
        <div className="entry-text" data-testid="entry-text" id={`entry-text-${entry.id}`}>
          {entry.text}
        </div>
        <AttachmentList entry={entry} />
        <div className="entry-meta">
          <span className={`kind kind-${entry.kind}`}>{KIND_LABELS[entry.kind]}</span>
          <span>{who}</span>
          {late && <span title={`Recorded ${formatDateTime(entry.recordedAt)}`}>· recorded later</span>}
          {(edited || retracted) && (
            <button
              type="button"
              className="entry-flag"
              aria-label={`${retracted ? 'Retracted' : 'Edited'}: show the history`}
              title="Show the history"
              onClick={() => setDialog('history')}
            >
              {retracted ? 'retracted' : 'edited'}
            </button>
          )}
          {!retracted && (
            <span className="entry-actions">
              <AttachToEntryButton entryId={entry.id} />
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label="Correct this entry"
                aria-describedby={`entry-text-${entry.id}`}
                onClick={() => setDialog('correct')}
              >
                Correct
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label="Retract this entry"
                aria-describedby={`entry-text-${entry.id}`}
                onClick={() => setDialog('retract')}
              >
                Retract
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
          what={`the entry “${entry.text.length > 80 ? `${entry.text.slice(0, 77)}…` : entry.text}”`}
          onRetract={(reason) => run((commands) => commands.retractEntry({ entryId: entry.id, reason }))}
        />
      )}
      {dialog === 'history' && (
        <HistoryDialog
          open
          onOpenChange={close}
          title="Entry history"
          textLabel="Text"
          history={{
            text: entry.text,
            at: entry.at,
            recordedAt: entry.recordedAt,
            recordedByName: entry.authorName,
            revisions: entry.revisions,
            retractedAt: entry.retractedAt,
            retractedByName: entry.retractedByName,
            retractionReason: entry.retractionReason,
          }}
        />
      )}
    </article>
  );
}
