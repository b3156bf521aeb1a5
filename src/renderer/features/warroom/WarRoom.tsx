// The war room: the whole incident at a glance, in three columns that fit a 1280x720 laptop.
import { useEffect, useState } from 'react';
import { useCollection, useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import { usePanelPresence } from '../room/PanelPresence';
import { WaitingForRoom } from '../room/WaitingForRoom';
import { useUiStore } from '../../state/uiStore';
import { ChangesPanel } from '../changes/ChangesPanel';
import { FollowUpsPanel } from '../followups/FollowUpsPanel';
import { HypothesesBoard } from '../hypotheses/HypothesesBoard';
import { MilestonesPanel } from '../milestones/MilestonesPanel';
import { PeoplePanel } from '../people/PeoplePanel';
import { TasksPanel } from '../tasks/TasksPanel';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { IncidentHeader } from './IncidentHeader';
import { IncidentFacts } from './IncidentDetails';
import { ReviewView } from '../review/ReviewView';
import { WarRoomViewTabs } from '../review/WarRoomViewTabs';
import { AuthorityConflicts } from '../conflicts/AuthorityConflicts';
import { AuthorityBanners } from '../authority/AuthorityBanners';
import { SimilarIncidents } from '../library/SimilarIncidents';
import { ExportButton } from '../export/ExportDialog';
import { RoomPolicyButton } from '../updates/StatusUpdateControls';
import { useIdentityKey, WhoAreYouDialog } from '../identity/WhoAreYouDialog';
import { RemovedNotice } from '../identity/RemovedNotice';
import { FocusButton, PanelFocusProvider, usePanelFocus } from './panelFocus';
import { useT } from '../../i18n';

export function WarRoom() {
  // A joined incident is empty until the first peer sends it: show the way to the room instead.
  const declared = useIncidentInfo() !== null;
  usePanelPresence();
  useUndoShortcuts();
  const view = useUiStore((s) => s.warRoomView);
  const identityKey = useIdentityKey();
  if (!declared) return <WaitingForRoom />;
  return (
    <div className="warroom" key={identityKey}>
      <WhoAreYouDialog />
      <IncidentHeader />
      <div className="view-bar">
        <WarRoomViewTabs />
        <IncidentFacts />
        <ExportButton />
        <RoomPolicyButton />
      </div>
      <AuthorityConflicts />
      <RemovedNotice />
      <AuthorityBanners />
      <PanelFocusProvider>
        {(focused) => (
          // Three columns sized for a 1280x720 laptop first: who and when, the work, the record.
          <main className="warroom-grid" id="view-room" hidden={view !== 'room'} data-focus={focused ?? undefined}>
            <div className="column column-people">
              <PeoplePanel />
              <MilestonesPanel />
              <SimilarIncidents />
            </div>
            <div className="column column-work">
              <TasksPanel />
              <HypothesesBoard />
            </div>
            <div className="column column-record">
              <RecordsPanel />
              <TimelinePanel />
            </div>
          </main>
        )}
      </PanelFocusProvider>
      {view === 'review' && <ReviewView />}
    </div>
  );
}

/** System changes and follow-ups share one panel, as tabs. */
function RecordsPanel() {
  const t = useT('warroom');
  const [tab, setTab] = useState<'changes' | 'followups'>('changes');
  const focus = usePanelFocus('records');
  // The tabs carry what is still live, so neither list has to be opened to know it.
  const inPlace = useCollection('changes').filter((c) => c.state === 'applied').length;
  const openFollowUps = useCollection('followUps').filter((f) => f.status !== 'done').length;
  return (
    <section className={`panel panel-records${focus.className}`} aria-label={t('records.region')} hidden={focus.hidden}>
      <div className="panel-head">
        <div className="tabs" role="tablist" aria-label={t('records.tabs')}>
          <button
            type="button"
            role="tab"
            id="tab-changes"
            aria-controls="tabpanel-records"
            aria-selected={tab === 'changes'}
            aria-label={t('records.changesLabel', { count: inPlace })}
            className="tab"
            onClick={() => setTab('changes')}
          >
            {/* "Changes" for the eye where the head is narrow; the full name is the tab's. */}
            {t('records.changes')} <span className="tab-count">{inPlace}</span>
          </button>
          <button
            type="button"
            role="tab"
            id="tab-followups"
            aria-controls="tabpanel-records"
            aria-selected={tab === 'followups'}
            aria-label={t('records.followUpsLabel', { count: openFollowUps })}
            className="tab"
            onClick={() => setTab('followups')}
          >
            {t('records.followUps')} <span className="tab-count">{openFollowUps}</span>
          </button>
        </div>
        <span className="spacer" />
        <FocusButton panel="records" name={t('records.region')} />
      </div>
      <div
        className="panel-body"
        role="tabpanel"
        id="tabpanel-records"
        aria-labelledby={tab === 'changes' ? 'tab-changes' : 'tab-followups'}
      >
        {tab === 'changes' ? <ChangesPanel /> : <FollowUpsPanel />}
      </div>
    </section>
  );
}

/** Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z undo your own last change when no text field has focus. */
function useUndoShortcuts() {
  const t = useT('warroom');
  const { history } = useIncidentSession();
  const showToast = useUiStore((s) => s.showToast);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      const label = event.shiftKey ? history.nextRedoLabel() : history.nextUndoLabel();
      const refusals = history.lastRefusal()?.serial;
      const done = event.shiftKey ? history.redo() : history.undo();
      // A refused step is explained by AuthorityBanners' toast, not as "nothing to undo".
      if (!done && history.lastRefusal()?.serial !== refusals) return;
      const what = label ?? t('undo.lastChange');
      showToast(
        done ? t(event.shiftKey ? 'undo.redid' : 'undo.undid', { what }) : t(event.shiftKey ? 'undo.nothingToRedo' : 'undo.nothingToUndo'),
        'info',
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history, showToast, t]);
}
