// Registration helpers for feature components that offer several actions at once, so each
// feature file needs one call.
import { useMemo } from 'react';
import { flushSync } from 'react-dom';
import type { AuthoredEntryKind } from '@core/model';
import type { CatalogEntry } from '../../sync/storage/catalog';
import { useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { useAction, useDataItems, type DataItem } from './registry';

type QuickKind = AuthoredEntryKind | 'hypothesis';

/** Shows the room view (the quick entry is hidden behind the review) before `then` runs. */
function inRoomView(then: () => void): void {
  if (useUiStore.getState().warRoomView !== 'room') flushSync(() => useUiStore.getState().setWarRoomView('room'));
  then();
}

/** The quick entry offers note, fact, decision, action and hypothesis: each picks the kind and focuses the box. */
export function useQuickEntryActions(pick: (kind: QuickKind) => void): void {
  useAction('entry.note', () => inRoomView(() => pick('note')));
  useAction('entry.fact', () => inRoomView(() => pick('fact')));
  useAction('entry.decision', () => inRoomView(() => pick('decision')));
  useAction('entry.action', () => inRoomView(() => pick('action')));
  useAction('entry.hypothesis', () => inRoomView(() => pick('hypothesis')));
}

/** Stands for the title while the sentence around it is split (a private-use character no title has). */
const TITLE_SLOT = '\uE000';

/** At most this many incidents are offered by name: the library's search finds the rest. */
const MAX_INCIDENT_ITEMS = 200;

/** Home offers each incident on this laptop in the palette, to open by name. */
export function useIncidentPaletteItems(entries: readonly CatalogEntry[] | null, open: (id: string) => void): void {
  const t = useT('palette');
  const tc = useT('common');
  const items = useMemo<DataItem[]>(() => {
    // The sentence around the title, split where the title goes, so the title can be drawn isolated.
    const [before = '', after = ''] = t('openIncident', { title: TITLE_SLOT }).split(TITLE_SLOT);
    return (entries ?? [])
      .filter((entry) => entry.title.trim() !== '')
      .slice(0, MAX_INCIDENT_ITEMS)
      .map((entry) => ({
        key: `incident:${entry.id}`,
        label: t('openIncident', { title: entry.title.trim() }),
        quoted: { before, text: entry.title.trim(), after },
        keywords: [
          entry.severity ?? '',
          entry.phase ? tc(`phase.${entry.phase}`) : '',
          entry.archivedAt === null ? '' : t('archivedKeyword'),
        ].filter(Boolean),
        run: () => open(entry.id),
      }));
  }, [entries, open, t, tc]);
  useDataItems('home-incidents', t('group.openIncident'), items);
}

/** The people panel offers adding a person, assigning a role, and handing over (or assuming) command. */
export function usePeopleActions(
  openAddPerson: (open: boolean) => void,
  openAssignRole: (open: boolean) => void,
  openHandover: (open: boolean) => void,
): void {
  useAction('person.add', () => openAddPerson(true));
  useAction('role.assign', () => openAssignRole(true));
  useAction('command.handover', () => openHandover(true));
}

/** The connection chip offers its details dialog and the invite. */
export function useConnectionActions(openDetails: (open: boolean) => void, openInvite: (open: boolean) => void): void {
  useAction('room.connection', () => openDetails(true));
  useAction('room.invite', () => openInvite(true));
}
