// The war room's two views: the room itself, and the review written together. Arrow keys move
// between the tabs, as in any tablist.
import type { KeyboardEvent } from 'react';
import { useUiStore, type WarRoomView } from '../../state/uiStore';
import { useT } from '../../i18n';
import './viewTabs.css';

const VIEWS: ReadonlyArray<{ view: WarRoomView }> = [{ view: 'room' }, { view: 'review' }];

export function WarRoomViewTabs() {
  const t = useT('review');
  const current = useUiStore((s) => s.warRoomView);
  const setView = useUiStore((s) => s.setWarRoomView);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const index = VIEWS.findIndex((v) => v.view === current);
    const next = VIEWS[(index + (event.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length]!;
    setView(next.view);
    document.getElementById(`view-tab-${next.view}`)?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label={t('tabs.label')}>
      {VIEWS.map(({ view }) => (
        <button
          key={view}
          type="button"
          role="tab"
          id={`view-tab-${view}`}
          className="view-tab"
          aria-selected={current === view}
          aria-controls={`view-${view}`}
          tabIndex={current === view ? 0 : -1}
          onClick={() => setView(view)}
          onKeyDown={onKeyDown}
        >
          {t(`tabs.${view}`)}
        </button>
      ))}
    </div>
  );
}
