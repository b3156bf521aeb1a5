// A textarea over shared text that saves as the person types (debounced) and takes in other
// people's edits without fighting the caret: unsaved typing is merged with the incoming edit
// (rebaseText) and the caret is carried across it (mapCaret), so nobody's words are lost.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type TextareaHTMLAttributes } from 'react';
import { mapCaret, rebaseText } from '@core/textDiff';

/** How long typing must pause before the text is saved. */
export const SAVE_DELAY_MS = 400;

export interface CollaborativeTextareaProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'defaultValue'> {
  /** The text as the document holds it, for rendering. */
  readonly value: string;
  /** The text as the document holds it at this instant (the store, not the last render). */
  readonly readCurrent: () => string;
  /** Saves the full new text; returns a message when it was refused. */
  readonly onSave: (text: string) => string | null;
}

export function CollaborativeTextarea({ value, readCurrent, onSave, onBlur, ...rest }: CollaborativeTextareaProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const draftRef = useRef(value);
  /** The document text the draft was last reconciled with. */
  const base = useRef(value);
  const element = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const caret = useRef<[number, number] | null>(null);
  const props = useRef({ readCurrent, onSave });
  props.current = { readCurrent, onSave };

  // The helpers below read and write refs only, so they keep one identity for the life of the
  // textarea: the effects that list them run when `value` changes and on unmount, not per render.
  const setText = useCallback((next: string) => {
    draftRef.current = next;
    setDraft(next);
  }, []);

  /** Brings the draft up to the document's text, merging any unsaved typing into it. */
  const reconcile = useCallback(
    (docText: string): void => {
      if (docText === base.current) return;
      const local = draftRef.current;
      const merged = local === base.current ? docText : rebaseText(base.current, local, docText);
      base.current = docText;
      if (merged === local) return;
      const el = element.current;
      if (el && document.activeElement === el) {
        caret.current = [mapCaret(local, merged, el.selectionStart), mapCaret(local, merged, el.selectionEnd)];
      }
      setText(merged);
    },
    [setText],
  );

  const flush = useCallback((): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // Merge first: saving a draft made from an older text would undo the newer edit.
    reconcile(props.current.readCurrent());
    const text = draftRef.current;
    if (text === base.current) return;
    const refusal = props.current.onSave(text);
    setError(refusal);
    // The command leaves the document holding exactly this text.
    if (refusal === null) base.current = text;
  }, [reconcile]);

  const scheduleSave = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_DELAY_MS);
  }, [flush]);

  // Layout effect: the merge must land before the next keystroke or save can see a stale base.
  useLayoutEffect(() => {
    const unsaved = draftRef.current !== base.current;
    reconcile(value);
    if (unsaved && draftRef.current !== base.current) scheduleSave();
  }, [value, reconcile, scheduleSave]);

  // The caret mapped by reconcile belongs to the merged text: put it back once the textarea shows it.
  useLayoutEffect(() => {
    const el = element.current;
    if (!caret.current || !el || el.value !== draft) return;
    el.setSelectionRange(caret.current[0], caret.current[1]);
    caret.current = null;
  }, [draft]);

  // Whatever is still unsaved when the view goes away is saved, not dropped.
  useEffect(() => () => flush(), [flush]);

  const errorId = rest.id ? `${rest.id}-error` : undefined;
  return (
    <>
      <textarea
        {...rest}
        ref={element}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error && errorId ? errorId : rest['aria-describedby']}
        onChange={(event) => {
          setText(event.target.value);
          scheduleSave();
        }}
        onBlur={(event) => {
          flush();
          onBlur?.(event);
        }}
      />
      {error && (
        <p className="form-error" role="alert" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
}
