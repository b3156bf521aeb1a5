// Back-fill from a log: paste or open a chat or text log, check the preview (each line's time in
// the person's zone, who said it, its kind), drop what does not belong, and add the lot at once.
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { parseBackfillLog, type BackfillFormat } from '@core/backfill';
import { AUTHORED_ENTRY_KINDS, type AuthoredEntryKind } from '@core/model';
import { formatZonedClock } from '@core/time/instants';
import { useCollection, useCommand, useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { FormError } from '../../ui/FormError';
import {
  BACKFILL_FILE_EXTENSIONS,
  backfillFileProblem,
  backfillInput,
  guessAuthors,
  isWritten,
  logAuthors,
  type AuthorChoice,
} from './backfillPreview';
import { viewerZone } from './entryWhen';
import { useLanguage, useT } from '../../i18n';

const FORMAT_KEYS = {
  slack: 'slack',
  csv: 'csv',
  'bracketed-time': 'bracketedTime',
  'time-of-day': 'timeOfDay',
  'iso-timestamp': 'isoTimestamp',
  irc: 'irc',
} as const satisfies Record<BackfillFormat, string>;

export function BackfillButton() {
  const t = useT('timeline');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-label={t('backfill.title')}
        title={t('backfill.title')}
        onClick={() => setOpen(true)}
      >
        {t('backfill.button')}
      </button>
      {open && <BackfillDialog onOpenChange={setOpen} />}
    </>
  );
}

function choiceValue(choice: AuthorChoice): string {
  return choice.kind === 'person' ? `person:${choice.personId}` : choice.kind;
}

function choiceFrom(value: string): AuthorChoice {
  if (value.startsWith('person:')) return { kind: 'person', personId: value.slice('person:'.length) };
  return value === 'recorder' ? { kind: 'recorder' } : { kind: 'new' };
}

function BackfillDialog({ onOpenChange }: { onOpenChange: (open: boolean) => void }) {
  const t = useT('timeline');
  const language = useLanguage();
  const run = useCommand();
  const { me } = useIncidentSession();
  const incident = useIncidentInfo();
  const people = useCollection('people');
  const [text, setText] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [authorChoices, setAuthorChoices] = useState<ReadonlyMap<string, AuthorChoice>>(new Map());
  const [kinds, setKinds] = useState<ReadonlyMap<number, AuthoredEntryKind>>(new Map());
  const [dropped, setDropped] = useState<ReadonlySet<number>>(new Set());
  const fileInput = useRef<HTMLInputElement>(null);
  const zone = viewerZone();
  // Times of day in the log are placed from the incident's start, in the person's own zone.
  const reference = incident?.startedAt ?? Date.now();
  // A long log takes a moment to read: typing in it stays responsive, and the preview follows.
  const deferredText = useDeferredValue(text);
  const reading = useMemo(() => parseBackfillLog(deferredText, { reference, zone }), [deferredText, reference, zone]);
  const roster = useMemo(() => people.filter((p) => p.status !== 'left').map((p) => ({ id: p.id, name: p.name })), [people]);
  const authors = useMemo(() => logAuthors(reading.lines), [reading]);
  // The guess for each name, unless the person chose otherwise in the preview.
  const choices = useMemo(() => {
    const guessed = guessAuthors(authors, roster);
    for (const [key, choice] of authorChoices) if (guessed.has(key)) guessed.set(key, choice);
    return guessed;
  }, [authors, roster, authorChoices]);
  const decisions = { authors: choices, kinds, dropped };
  const toWrite = backfillInput(reading.lines, decisions);
  // "a CSV table and text copied from Slack", listed the UI language's way (Intl does not know the pseudo-locale).
  const formats = (names: string[]) => new Intl.ListFormat(language === 'en-XA' ? 'en' : language, { type: 'conjunction' }).format(names);
  const withProblems = reading.lines.filter((line) => line.at === null || line.problem !== undefined).length;

  const openFile = async (file: File) => {
    const problem = backfillFileProblem(file, (key, values) => t(key, values));
    setFileProblem(problem);
    if (problem) return;
    try {
      setText(await file.text());
      setKinds(new Map());
      setDropped(new Set());
    } catch (error) {
      setFileProblem(t('backfill.fileUnreadable', { name: file.name, error: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <FormDialog
      open
      onOpenChange={onOpenChange}
      title={t('backfill.title')}
      description={t('backfill.description')}
      submitLabel={t('backfill.submit', { count: toWrite.length })}
      wide
      onSubmit={() => submitted(run((commands) => commands.backfillEntries({ lines: toWrite })))}
    >
      <div className="field">
        <label htmlFor="backfill-text">{t('backfill.logText')}</label>
        <textarea
          id="backfill-text"
          className="textarea mono backfill-source"
          value={text}
          placeholder={t('backfill.placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            setFileProblem(null);
          }}
        />
      </div>
      <div className="backfill-file">
        <button type="button" className="btn btn-small" onClick={() => fileInput.current?.click()}>
          {t('backfill.openFile')}
        </button>
        <input
          ref={fileInput}
          hidden
          type="file"
          accept={BACKFILL_FILE_EXTENSIONS.join(',')}
          aria-label={t('backfill.logFile')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
        <span className="faint">{t('backfill.fileHint')}</span>
      </div>
      <FormError message={fileProblem ?? reading.problem ?? null} />

      {reading.lines.length > 0 && (
        <>
          <p className="backfill-summary" aria-live="polite">
            {t(withProblems > 0 ? 'backfill.summaryWithProblems' : 'backfill.summary', {
              formats: formats(reading.formats.map((f) => t(`backfill.format.${FORMAT_KEYS[f]}`))) || t('backfill.unknownLines'),
              lines: reading.lines.length,
              problems: withProblems,
              zone,
            })}
          </p>
          {authors.length > 0 && (
            <fieldset className="backfill-authors">
              <legend>{t('backfill.whoIsWho')}</legend>
              {authors.map((author) => (
                <label key={author.key} className="backfill-author">
                  <span className="backfill-author-name" title={author.name}>
                    {author.name} <span className="faint">({author.lineCount})</span>
                  </span>
                  <select
                    className="select"
                    aria-label={t('backfill.whoIs', { name: author.name })}
                    value={choiceValue(choices.get(author.key) ?? { kind: 'new' })}
                    onChange={(e) => setAuthorChoices(new Map(authorChoices).set(author.key, choiceFrom(e.target.value)))}
                  >
                    {roster.map((person) => (
                      <option key={person.id} value={`person:${person.id}`}>
                        {person.id === me.id ? t('quick.me', { name: person.name }) : person.name}
                      </option>
                    ))}
                    <option value="new">{t('backfill.newPerson')}</option>
                    <option value="recorder">{t('backfill.recorder', { name: me.name })}</option>
                  </select>
                </label>
              ))}
            </fieldset>
          )}
          <div className="backfill-table-wrap">
            <table className="backfill-table">
              <caption className="visually-hidden">{t('backfill.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('backfill.column.add')}</th>
                  <th scope="col">{t('backfill.column.line')}</th>
                  <th scope="col">{t('backfill.column.time', { zone })}</th>
                  <th scope="col">{t('backfill.column.who')}</th>
                  <th scope="col">{t('backfill.column.kind')}</th>
                  <th scope="col">{t('row.text')}</th>
                </tr>
              </thead>
              <tbody>
                {reading.lines.map((line) => {
                  const broken = line.at === null || line.problem !== undefined;
                  const kept = isWritten(line, decisions);
                  return (
                    <tr
                      key={line.lineNumber}
                      className={broken ? 'left-out broken' : kept ? undefined : 'left-out dropped'}
                      aria-label={t('backfill.line', { n: line.lineNumber })}
                    >
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('backfill.addLine', { n: line.lineNumber })}
                          checked={kept}
                          disabled={broken}
                          onChange={(e) => {
                            const next = new Set(dropped);
                            if (e.target.checked) next.delete(line.lineNumber);
                            else next.add(line.lineNumber);
                            setDropped(next);
                          }}
                        />
                      </td>
                      <td className="mono faint">{line.lineNumber}</td>
                      <td className="mono backfill-time">{line.at === null ? '—' : formatZonedClock(line.at, reference, zone)}</td>
                      <td>{line.authorName ?? <span className="faint">{t('backfill.theRecorder')}</span>}</td>
                      <td>
                        <select
                          className="select"
                          aria-label={t('backfill.kindOfLine', { n: line.lineNumber })}
                          value={kinds.get(line.lineNumber) ?? line.kind}
                          disabled={broken}
                          onChange={(e) => setKinds(new Map(kinds).set(line.lineNumber, e.target.value as AuthoredEntryKind))}
                        >
                          {AUTHORED_ENTRY_KINDS.map((kind) => (
                            <option key={kind} value={kind}>
                              {t(`kind.${kind}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="backfill-text">
                        {line.text}
                        {line.problem && <div className="backfill-problem">{line.problem}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </FormDialog>
  );
}
