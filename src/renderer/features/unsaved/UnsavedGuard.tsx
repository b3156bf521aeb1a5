// Keeps unsaved changes from being dropped by a close: holds the window close up (and asks) while
// any incident has changes that could not be saved, and shows incidents that stayed open after
// their save failed at close, so that they can be saved, exported or discarded.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useServices } from '../../app/services';
import { uiI18n, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { installUnloadGuard, type UnloadGuard } from './unloadGuard';
import { UnsavedChangesDialog, type UnsavedTarget } from './UnsavedChangesDialog';

/** Ids of incidents held open by a failed save, as one string so React sees a stable value. */
function useHeldIds(): string[] {
  const { sessions } = useServices();
  const key = useSyncExternalStore(
    (onChange) => sessions.subscribeUnsaved(onChange),
    () =>
      sessions
        .unsaved()
        .filter((u) => u.held)
        .map((u) => u.id)
        .join('\n'),
  );
  return key === '' ? [] : key.split('\n');
}

export function UnsavedGuard() {
  const t = useT('app');
  const { sessions } = useServices();
  const showToast = useUiStore((s) => s.showToast);
  const [target, setTarget] = useState<UnsavedTarget | null>(null);
  const guard = useRef<UnloadGuard | null>(null);
  const held = useHeldIds();

  useEffect(() => {
    const installed = installUnloadGuard(
      window,
      () => sessions.unsaved().length > 0,
      () => {
        const first = sessions.unsaved()[0];
        if (first) setTarget({ incidentId: first.id, purpose: 'close-window' });
      },
    );
    guard.current = installed;
    return () => installed.dispose();
  }, [sessions]);

  const onResolved = (resolved: UnsavedTarget) => {
    if (resolved.purpose !== 'close-window') {
      setTarget(null);
      return;
    }
    const next = sessions.unsaved()[0];
    if (next) {
      setTarget({ incidentId: next.id, purpose: 'close-window' });
      return;
    }
    setTarget(null);
    guard.current?.allowClose();
    window.close();
    // A browser tab refuses to be closed by its page: there, the user closes it.
    setTimeout(() => showToast(uiI18n().t('app:unsaved.allSaved'), 'info'), 500);
  };

  const heldTitle = (id: string) => sessions.sessionOf(id)?.snapshot()?.incident.title.trim() || t('unsaved.anIncident');

  return (
    <>
      {held.length > 0 && (
        <section className="unsaved-notice" aria-label={t('unsaved.region')}>
          <p role="alert">
            {held.length === 1 ? t('unsaved.heldOne', { title: heldTitle(held[0] ?? '') }) : t('unsaved.heldMany', { count: held.length })}
          </p>
          <button type="button" className="btn btn-small" onClick={() => held[0] && setTarget({ incidentId: held[0], purpose: 'held' })}>
            {t('unsaved.resolve')}
          </button>
        </section>
      )}
      <UnsavedChangesDialog target={target} onResolved={onResolved} onStay={() => setTarget(null)} />
    </>
  );
}
