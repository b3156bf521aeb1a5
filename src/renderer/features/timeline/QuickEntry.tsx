// The quick-entry box: type, pick a kind (Ctrl+1…5), press Enter. Hypotheses go to the board.
import { useEffect, useRef, useState } from 'react';
import type { AuthoredEntryKind } from '@core/model';
import { useCommand } from '../../state/incidentContext';

type QuickKind = AuthoredEntryKind | 'hypothesis';

const QUICK_KINDS: ReadonlyArray<{ kind: QuickKind; label: string }> = [
  { kind: 'note', label: 'Note' },
  { kind: 'fact', label: 'Fact' },
  { kind: 'hypothesis', label: 'Hypothesis' },
  { kind: 'decision', label: 'Decision' },
  { kind: 'action', label: 'Action' },
];

const PLACEHOLDERS: Record<QuickKind, string> = {
  note: 'Add a note to the timeline…',
  fact: 'What did you observe? (with evidence)',
  hypothesis: 'What do you suspect?',
  decision: 'What was decided?',
  action: 'What was done?',
};

export function QuickEntry() {
  const run = useCommand();
  const [kind, setKind] = useState<QuickKind>('note');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // "n" anywhere outside a text field jumps to the box, as in chat tools.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]');
      if (!typing && event.key === 'n' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        inputRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = () => {
    const outcome =
      kind === 'hypothesis'
        ? run((commands) => commands.proposeHypothesis({ statement: text }))
        : run((commands) => commands.recordEntry({ kind, text }));
    if (outcome.ok) {
      setText('');
      setError(null);
    } else {
      setError(outcome.message);
    }
  };

  return (
    <form
      className="quick-entry"
      aria-label="Quick entry"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="quick-kinds" role="radiogroup" aria-label="Entry kind">
        {QUICK_KINDS.map((option, index) => (
          <button
            key={option.kind}
            type="button"
            role="radio"
            aria-checked={kind === option.kind}
            className="kind-choice"
            title={`${option.label} (Ctrl+${index + 1})`}
            onClick={() => {
              setKind(option.kind);
              inputRef.current?.focus();
            }}
          >
            {option.label}
          </button>
        ))}
        <span className="faint" style={{ fontSize: 11, marginLeft: 'auto', alignSelf: 'center' }}>Enter to add · Shift+Enter new line</span>
      </div>
      <div className="quick-row">
        <textarea
          ref={inputRef}
          className="textarea"
          aria-label="Entry text"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'quick-entry-error' : undefined}
          placeholder={PLACEHOLDERS[kind]}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            const digit = Number(e.key);
            if ((e.ctrlKey || e.metaKey) && digit >= 1 && digit <= QUICK_KINDS.length) {
              e.preventDefault();
              setKind(QUICK_KINDS[digit - 1]!.kind);
            } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" className="btn btn-primary">Add</button>
      </div>
      {error && (
        <p id="quick-entry-error" className="form-error" role="alert" style={{ marginBottom: 0 }}>
          {error}
        </p>
      )}
    </form>
  );
}
