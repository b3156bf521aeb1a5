// Corrections of the record: correcting an entry (text, time, who said it), retracting an entry
// or a milestone with a reason, and the history of earlier versions. Nothing is erased; these
// dialogs only add a version or a mark, through the commands.
import { useState } from 'react';
import type { EpochMs, TimelineEntry } from '@core/model';
import { formatDateTime, toLocalInputValue } from '@core/time/instants';
import { correctedTime } from './entryWhen';
import { useCollection, useCommand } from '../../state/incidentContext';
import { Dialog, DialogClose } from '../../ui/Dialog';
import { FormDialog, submitted, type SubmitResult } from '../../ui/FormDialog';
import type { TFunction } from 'i18next';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';

type Revision = TimelineEntry['revisions'][number];

export function CorrectEntryDialog({
  entry,
  open,
  onOpenChange,
}: {
  entry: TimelineEntry;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useT('timeline');
  const run = useCommand();
  const people = useCollection('people');
  const automatic = entry.kind === 'event';
  const [text, setText] = useState(entry.text);
  const [when, setWhen] = useState(toLocalInputValue(entry.at));
  // '' means the person who wrote it down said it.
  const [saidById, setSaidById] = useState(entry.saidById ?? '');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('correct.title')}
      description={automatic ? t('correct.descriptionAutomatic') : t('correct.description')}
      submitLabel={t('correct.submit')}
      onSubmit={(): SubmitResult => {
        const time = correctedTime(when, entry.at);
        if (typeof time === 'string') return time;
        const changes = {
          ...time,
          ...(!automatic && text !== entry.text ? { text } : {}),
          ...(!automatic && saidById !== (entry.saidById ?? '') ? { saidById: saidById || null } : {}),
        };
        return submitted(run((commands) => commands.correctEntry({ entryId: entry.id, ...changes })));
      }}
    >
      {!automatic && (
        <div className="field">
          <label htmlFor="correct-entry-text">{t('row.text')}</label>
          <textarea id="correct-entry-text" className="textarea" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
      )}
      <div className="form-row">
        <div className="field">
          <label htmlFor="correct-entry-time">{t('quick.whenLabel')}</label>
          <input id="correct-entry-time" type="datetime-local" className="input" value={when} onChange={(e) => setWhen(e.target.value)} />
        </div>
        {!automatic && (
          <div className="field">
            <label htmlFor="correct-entry-said-by">{t('quick.saidBy')}</label>
            <select id="correct-entry-said-by" className="select" value={saidById} onChange={(e) => setSaidById(e.target.value)}>
              <option value="">{t('correct.writer', { name: entry.authorName })}</option>
              {people
                .filter((p) => p.id !== entry.authorId && (p.status !== 'left' || p.id === saidById))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
          </div>
        )}
      </div>
    </FormDialog>
  );
}

/** Retracts an entry or a milestone: it stays in the record, struck through, with the reason. */
export function RetractDialog({
  open,
  onOpenChange,
  what,
  onRetract,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What is being retracted, as the person sees it ("the entry “Deploy rolled back”"). */
  what: string;
  onRetract: (reason: string) => { ok: true } | { ok: false; message: string };
}) {
  const t = useT('timeline');
  const [reason, setReason] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('retract.title')}
      description={t('retract.description', { what })}
      submitLabel={t('retract.submit')}
      onSubmit={() => submitted(onRetract(reason))}
      onClosed={() => setReason('')}
    >
      <div className="field">
        <label htmlFor="retract-reason">{t('retract.reason')}</label>
        <input
          id="retract-reason"
          className="input"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('retract.reasonPlaceholder')}
        />
      </div>
    </FormDialog>
  );
}

export interface RecordHistory {
  /** The current text (an entry's text or a milestone's note) and time. */
  readonly text: string;
  readonly at: EpochMs;
  readonly recordedAt: EpochMs;
  readonly recordedByName: string;
  readonly revisions: readonly Revision[];
  readonly retractedAt: EpochMs | null;
  readonly retractedByName: string;
  readonly retractionReason: string;
}

/** Every version of an entry or a milestone, oldest first, and its retraction. */
export function HistoryDialog({
  open,
  onOpenChange,
  title,
  history,
  textLabel,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  history: RecordHistory;
  /** What the text is called: "Text" for an entry, "Note" for a milestone. */
  textLabel: string;
}) {
  const t = useT('timeline');
  const display = useTimeDisplay();
  const tc = useT('common');
  // Each revision holds the version it replaced; the correction that replaced it is the next one's editedAt.
  const recorded = t('history.recordedBy', { name: history.recordedByName, time: formatDateTime(history.recordedAt, display) });
  const versions = [
    ...history.revisions.map((revision, index) => ({
      key: revision.id,
      text: revision.text,
      at: revision.at,
      label: index === 0 ? recorded : versionLabel(history.revisions[index - 1]!, t),
    })),
    {
      key: 'current',
      text: history.text,
      at: history.at,
      label: history.revisions.length === 0 ? recorded : versionLabel(history.revisions[history.revisions.length - 1]!, t),
    },
  ];
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} wide>
      <ol className="record-history" aria-label={t('history.versions')}>
        {versions.map((version, index) => (
          <li key={version.key} className="record-version">
            <div className="record-version-head">
              <strong>{index === versions.length - 1 ? t('history.current') : t('history.version', { n: index + 1 })}</strong>
              <span className="faint">{version.label}</span>
            </div>
            <dl>
              <dt>{t('quick.whenLabel')}</dt>
              <dd>{formatDateTime(version.at, display)}</dd>
              <dt>{textLabel}</dt>
              <dd className="record-version-text">{version.text || <span className="faint">{t('history.empty')}</span>}</dd>
            </dl>
          </li>
        ))}
      </ol>
      {history.retractedAt !== null && (
        <p className="record-retraction">
          {history.retractionReason
            ? t('history.retractedBecause', {
                name: history.retractedByName,
                time: formatDateTime(history.retractedAt, display),
                reason: history.retractionReason,
              })
            : t('history.retractedNoReason', { name: history.retractedByName, time: formatDateTime(history.retractedAt, display) })}
        </p>
      )}
      <div className="dialog-actions">
        <DialogClose asChild>
          <button type="button" className="btn">
            {tc('action.close')}
          </button>
        </DialogClose>
      </div>
    </Dialog>
  );
}

function versionLabel(revision: Revision, t: TFunction<'timeline'>): string {
  return t('history.correctedBy', { name: revision.editedByName, time: formatDateTime(revision.editedAt) });
}
