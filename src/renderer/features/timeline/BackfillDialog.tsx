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

const FORMAT_NAMES: Record<BackfillFormat, string> = {
  slack: 'text copied from Slack',
  csv: 'a CSV table',
  'bracketed-time': '[time] name: text lines',
  'time-of-day': 'time name: text lines',
  'iso-timestamp': 'ISO timestamped lines',
  irc: 'time <name> text lines',
};

const KIND_NAMES: Record<AuthoredEntryKind, string> = { note: 'Note', fact: 'Fact', decision: 'Decision', action: 'Action' };

export function BackfillButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-label="Back-fill from a log"
        title="Back-fill from a log"
        onClick={() => setOpen(true)}
      >
        Back-fill
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
  const withProblems = reading.lines.filter((line) => line.at === null || line.problem !== undefined).length;

  const openFile = async (file: File) => {
    const problem = backfillFileProblem(file);
    setFileProblem(problem);
    if (problem) return;
    try {
      setText(await file.text());
      setKinds(new Map());
      setDropped(new Set());
    } catch (error) {
      setFileProblem(`“${file.name}” could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <FormDialog
      open
      onOpenChange={onOpenChange}
      title="Back-fill from a log"
      description="Paste a chat or text log (Slack, [19:10] name: text, ISO timestamps, CSV) or open a file. Nothing is written until you add the entries."
      submitLabel={`Add ${toWrite.length} ${toWrite.length === 1 ? 'entry' : 'entries'}`}
      wide
      onSubmit={() => submitted(run((commands) => commands.backfillEntries({ lines: toWrite })))}
    >
      <div className="field">
        <label htmlFor="backfill-text">Log text</label>
        <textarea
          id="backfill-text"
          className="textarea mono backfill-source"
          value={text}
          placeholder={'[19:10] Ana Lima: replication stopped on db2\n[19:12] Kenji Sato: failing over to db3'}
          onChange={(e) => {
            setText(e.target.value);
            setFileProblem(null);
          }}
        />
      </div>
      <div className="backfill-file">
        <button type="button" className="btn btn-small" onClick={() => fileInput.current?.click()}>
          Open a file…
        </button>
        <input
          ref={fileInput}
          hidden
          type="file"
          accept={BACKFILL_FILE_EXTENSIONS.join(',')}
          aria-label="Log file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
        <span className="faint">.txt, .csv or .log, up to 2 MB</span>
      </div>
      <FormError message={fileProblem ?? reading.problem ?? null} />

      {reading.lines.length > 0 && (
        <>
          <p className="backfill-summary" aria-live="polite">
            Read as {reading.formats.map((f) => FORMAT_NAMES[f]).join(' and ') || 'unknown lines'}: {reading.lines.length}{' '}
            {reading.lines.length === 1 ? 'line' : 'lines'}
            {withProblems > 0 ? `, ${withProblems} with a problem (left out until fixed in the text)` : ''}. Times in {zone}.
          </p>
          {authors.length > 0 && (
            <fieldset className="backfill-authors">
              <legend>Who is who</legend>
              {authors.map((author) => (
                <label key={author.key} className="backfill-author">
                  <span className="backfill-author-name" title={author.name}>
                    {author.name} <span className="faint">({author.lineCount})</span>
                  </span>
                  <select
                    className="select"
                    aria-label={`Who is ${author.name}`}
                    value={choiceValue(choices.get(author.key) ?? { kind: 'new' })}
                    onChange={(e) => setAuthorChoices(new Map(authorChoices).set(author.key, choiceFrom(e.target.value)))}
                  >
                    {roster.map((person) => (
                      <option key={person.id} value={`person:${person.id}`}>
                        {person.name}
                        {person.id === me.id ? ' (me)' : ''}
                      </option>
                    ))}
                    <option value="new">Add as a new person</option>
                    <option value="recorder">The recorder ({me.name})</option>
                  </select>
                </label>
              ))}
            </fieldset>
          )}
          <div className="backfill-table-wrap">
            <table className="backfill-table">
              <caption className="visually-hidden">Lines of the log</caption>
              <thead>
                <tr>
                  <th scope="col">Add</th>
                  <th scope="col">Line</th>
                  <th scope="col">Time ({zone})</th>
                  <th scope="col">Who</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Text</th>
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
                      aria-label={`Line ${line.lineNumber}`}
                    >
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Add line ${line.lineNumber}`}
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
                      <td>{line.authorName ?? <span className="faint">the recorder</span>}</td>
                      <td>
                        <select
                          className="select"
                          aria-label={`Kind of line ${line.lineNumber}`}
                          value={kinds.get(line.lineNumber) ?? line.kind}
                          disabled={broken}
                          onChange={(e) => setKinds(new Map(kinds).set(line.lineNumber, e.target.value as AuthoredEntryKind))}
                        >
                          {AUTHORED_ENTRY_KINDS.map((kind) => (
                            <option key={kind} value={kind}>
                              {KIND_NAMES[kind]}
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
