// The keyboard layer of the app: one key listener for every declared shortcut, the palette and
// the shortcut help, and the actions that belong to the whole app (declare, join, help).
import { useEffect } from 'react';
import { useUiStore } from '../../state/uiStore';
import { uiI18n } from '../../i18n';
import { ACTIONS, actionForKeyPress, actionLabel, type ActionId } from './actions';
import { CommandPalette } from './CommandPalette';
import { actionRegistry, useAction } from './registry';
import { ShortcutHelp } from './ShortcutHelp';

export function CommandLayer() {
  const setPaletteOpen = useUiStore((s) => s.setPaletteOpen);
  const setHelpOpen = useUiStore((s) => s.setShortcutHelpOpen);
  const setDeclareOpen = useUiStore((s) => s.setDeclareOpen);
  const setJoinOpen = useUiStore((s) => s.setJoinOpen);
  useAction('app.palette', () => setPaletteOpen(true));
  useAction('app.help', () => setHelpOpen(true));
  useAction('incident.declare', () => setDeclareOpen(true));
  useAction('room.join', () => setJoinOpen(true));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // The palette is a dialog, where shortcuts stay quiet; its own key closes it again.
      if (useUiStore.getState().paletteOpen) {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k' && !event.altKey) {
          event.preventDefault();
          setPaletteOpen(false);
        }
        return;
      }
      const action = actionForKeyPress(event, ACTIONS, (id) => actionRegistry.get(id) !== null);
      if (!action) return;
      event.preventDefault();
      const reason = actionRegistry.get(action.id)?.unavailable ?? null;
      const label = actionLabel(action.id as ActionId, uiI18n().t);
      if (reason !== null) useUiStore.getState().showToast(uiI18n().t('palette:unavailableToast', { label, reason }), 'info');
      else actionRegistry.run(action.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPaletteOpen]);

  return (
    <>
      <CommandPalette />
      <ShortcutHelp />
    </>
  );
}
