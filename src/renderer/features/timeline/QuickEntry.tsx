// The quick-entry box: type, pick a kind (Ctrl+1…5), press Enter. Hypotheses go to the board.
// A time typed in front ("19:10 replication stopped") or given in the When field is when it
// happened, said back before sending; "Said by" records it on behalf of someone in the room.
import { useRef, useState } from 'react';
import type { AuthoredEntryKind } from '@core/model';
import { useCollection, useCommand, useIncidentSession } from '../../state/incidentContext';
import { readEntryWhen, viewerZone } from './entryWhen';
import { AttachmentDraftControls, useAttachmentDraft } from '../attachments/Attachments';
import { useQuickEntryActions } from '../commands/featureActions';
import { useT } from '../../i18n';
import { useCompositionGuard } from './imeGuard';

type QuickKind = AuthoredEntryKind | 'hypothesis';

const QUICK_KINDS: readonly QuickKind[] = ['note', 'fact', 'hypothesis', 'decision', 'action'];

export function QuickEntry() {
  const t = useT('timeline');
  const tc = useT('common');
  const ime = useCompositionGuard();
  const run = useCommand();
  const [kind, setKind] = useState<QuickKind>('note');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [whenField, setWhenField] = useState('');
  const { me } = useIncidentSession();
  const [saidById, setSaidById] = useState(me.id);
  const people = useCollection('people');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const draft = useAttachmentDraft();
  const isEntry = kind !== 'hypothesis';
  // Read on every keystroke so the time (or why it is refused) shows before sending.
  const when = readEntryWhen(text, whenField, Date.now(), viewerZone());

  // n, f, d, a, h (outside text fields) and the palette pick the kind and jump to the box.
  useQuickEntryActions((picked) => {
    setKind(picked);
    inputRef.current?.focus();
  });

  const submit = () => {
    let outcome: { ok: true } | { ok: false; message: string };
    // Read again at the moment of sending: a bare time of day means its latest occurrence before now.
    const reading = readEntryWhen(text, whenField, Date.now(), viewerZone());
    if (kind === 'hypothesis' && draft.files.length > 0) {
      outcome = { ok: false, message: t('quick.filesWithHypothesis') };
    } else if (kind === 'hypothesis') {
      // A hypothesis takes when it was first suspected; who owns it is set on the board.
      outcome = reading.ok
        ? run((commands) =>
            commands.proposeHypothesis({ statement: reading.text, ...(reading.at === undefined ? {} : { at: reading.at }) }),
          )
        : { ok: false, message: reading.problem };
    } else {
      outcome = reading.ok
        ? run((commands) =>
            commands.recordEntry({
              kind,
              text: reading.text,
              ...(reading.at === undefined ? {} : { at: reading.at }),
              saidById: saidById === me.id ? null : saidById,
              attachments: draft.files,
            }),
          )
        : { ok: false, message: reading.problem };
    }
    if (outcome.ok) {
      setText('');
      setWhenField('');
      setSaidById(me.id);
      setError(null);
      draft.clear();
    } else {
      setError(outcome.message);
    }
  };

  return (
    <form
      className="quick-entry"
      aria-label={t('quick.region')}
      onDragOver={draft.onDragOver}
      onDrop={draft.onDrop}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="quick-kinds" role="radiogroup" aria-label={t('quick.kind')}>
        {QUICK_KINDS.map((option, index) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={kind === option}
            className="kind-choice"
            title={t('quick.kindShortcut', { kind: t(`quick.kinds.${option}`), n: index + 1 })}
            onClick={() => {
              setKind(option);
              inputRef.current?.focus();
            }}
          >
            {t(`quick.kinds.${option}`)}
          </button>
        ))}
      </div>
      <div className="quick-row">
        <textarea
          ref={inputRef}
          className="textarea"
          aria-label={t('quick.text')}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'quick-entry-error' : undefined}
          placeholder={t(`quick.placeholder.${kind}`)}
          value={text}
          onPaste={draft.onPaste}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(null);
          }}
          onCompositionStart={ime.onCompositionStart}
          onCompositionEnd={ime.onCompositionEnd}
          onKeyDown={(e) => {
            const digit = Number(e.key);
            if ((e.ctrlKey || e.metaKey) && digit >= 1 && digit <= QUICK_KINDS.length) {
              e.preventDefault();
              setKind(QUICK_KINDS[digit - 1]!);
            } else if (e.key === 'Enter' && !e.shiftKey) {
              // The Enter that commits an IME conversion is the IME's: a half-composed word is never sent.
              if (ime.composing(e)) return;
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" className="btn btn-primary">
          {tc('action.add')}
        </button>
      </div>
      <div className="quick-when">
        <label className="quick-field">
          <span>{t('quick.when')}</span>
          <input
            type="datetime-local"
            className="input"
            aria-label={t('quick.whenLabel')}
            title={t('quick.whenHint')}
            value={whenField}
            onChange={(e) => {
              setWhenField(e.target.value);
              if (error) setError(null);
            }}
          />
        </label>
        {isEntry && (
          <label className="quick-field">
            <span>{t('quick.saidBy')}</span>
            <select className="select" value={saidById} onChange={(e) => setSaidById(e.target.value)}>
              {people.some((p) => p.id === me.id) ? null : <option value={me.id}>{t('quick.me', { name: me.name })}</option>}
              {people
                .filter((p) => p.status !== 'left' || p.id === saidById)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.id === me.id ? t('quick.me', { name: p.name }) : p.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <AttachmentDraftControls draft={draft} />
        <span className="quick-hint">{t('quick.hint')}</span>
        <output className="quick-when-reading" aria-live="polite" aria-label={t('quick.whenReading')}>
          {when && !when.ok ? (
            <span className="quick-when-problem">{when.problem}</span>
          ) : when?.shown ? (
            t('quick.happened', { when: when.shown })
          ) : null}
        </output>
      </div>
      {draft.problem && (
        <p className="form-error" role="alert" style={{ marginBottom: 0 }}>
          {draft.problem}
        </p>
      )}
      {error && (
        <p id="quick-entry-error" className="form-error" role="alert" style={{ marginBottom: 0 }}>
          {error}
        </p>
      )}
    </form>
  );
}
