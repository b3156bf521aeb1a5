// Enter in a field that submits must not submit while an input method is composing a word: the
// Enter that commits a Japanese or Chinese conversion belongs to the IME, not to the form.
import { type CompositionEvent, type KeyboardEvent, useMemo, useRef } from 'react';

export interface CompositionGuard {
  readonly onCompositionStart: () => void;
  readonly onCompositionEnd: (event: CompositionEvent) => void;
  /** True when this keydown is part of a composition, so Enter must not submit. */
  readonly composing: (event: KeyboardEvent) => boolean;
}

export function useCompositionGuard(): CompositionGuard {
  const active = useRef(false);
  // Safari (and some Linux IMEs) end the composition first and then deliver the committing
  // Enter's keydown in the same task: that keydown still belongs to the composition.
  const justEnded = useRef(false);
  return useMemo(
    () => ({
      onCompositionStart: () => {
        active.current = true;
      },
      onCompositionEnd: () => {
        active.current = false;
        justEnded.current = true;
        setTimeout(() => {
          justEnded.current = false;
        }, 0);
      },
      composing: (event: KeyboardEvent) =>
        // keyCode 229 is what browsers report for a key the IME consumed; it is deprecated but still the signal some send.
        event.nativeEvent.isComposing || event.keyCode === 229 || active.current || justEnded.current,
    }),
    [],
  );
}
