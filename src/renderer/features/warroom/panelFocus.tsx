// Focus mode: one panel of the war room takes the room's whole main area (a button in its head;
// Escape or the same button returns). The other panels stay mounted, only hidden, so their
// scroll positions, drafts and open dialogs survive.
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';

export type PanelId = 'people' | 'milestones' | 'similar' | 'tasks' | 'hypotheses' | 'records' | 'timeline';

interface PanelFocusState {
  readonly focused: PanelId | null;
  readonly setFocused: (panel: PanelId | null) => void;
}

const PanelFocusContext = createContext<PanelFocusState>({ focused: null, setFocused: () => undefined });

export function PanelFocusProvider({ children }: { children: (focused: PanelId | null) => ReactNode }) {
  const [focused, setFocused] = useState<PanelId | null>(null);
  const left = useRef<PanelId | null>(null);
  useEffect(() => {
    if (focused === null) {
      // Back in the room, the keyboard goes on from the button that entered focus mode.
      if (left.current) document.querySelector<HTMLElement>(`[data-focus-button="${left.current}"]`)?.focus();
      left.current = null;
      return;
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // Escape closes an open dialog or menu first; only then does it leave focus mode.
      if (document.querySelector('[role="dialog"], [role="alertdialog"], [role="listbox"]')) return;
      left.current = focused;
      setFocused(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focused]);
  const value = useMemo(() => ({ focused, setFocused }), [focused]);
  return <PanelFocusContext.Provider value={value}>{children(focused)}</PanelFocusContext.Provider>;
}

/** Whether this panel fills the room, or is hidden because another one does. */
export function usePanelFocus(panel: PanelId): { focused: boolean; hidden: boolean; className: string } {
  const { focused } = useContext(PanelFocusContext);
  return {
    focused: focused === panel,
    hidden: focused !== null && focused !== panel,
    className: focused === panel ? ' panel-focused' : '',
  };
}

/** The head's button: "Focus on Tasks" fills the room with the panel, "Leave focus on Tasks" returns. */
export function FocusButton({ panel, name }: { panel: PanelId; name: string }) {
  const t = useT('warroom');
  const { focused, setFocused } = useContext(PanelFocusContext);
  const on = focused === panel;
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small focus-btn"
      data-focus-button={panel}
      data-on={on || undefined}
      aria-label={on ? t('focus.leave', { name }) : t('focus.enter', { name })}
      title={on ? t('focus.leaveHint') : t('focus.enterHint', { name })}
      onClick={() => setFocused(on ? null : panel)}
    >
      <span aria-hidden="true">{on ? '⤡' : '⤢'}</span>
    </button>
  );
}
