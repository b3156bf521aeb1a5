// UI state only (where you are, open dialogs, filters, toasts): never a copy of the document.
import { create } from 'zustand';
import type { TimelineKind } from '@core/model';
import { TIMELINE_KINDS } from '@core/model';
import type { TimelineOrder } from '@core/selectors';

export type Theme = 'dark' | 'light';
export type Screen = { name: 'home' } | { name: 'warroom'; incidentId: string };
/** Which view of the war room shows: the room itself, or the review written together. */
export type WarRoomView = 'room' | 'review';

export interface Toast {
  id: number;
  message: string;
  tone: 'error' | 'info';
}

interface UiState {
  screen: Screen;
  theme: Theme;
  declareOpen: boolean;
  joinOpen: boolean;
  networkSettingsOpen: boolean;
  timelineKinds: ReadonlySet<TimelineKind>;
  timelineOrder: TimelineOrder;
  toasts: Toast[];
  warRoomView: WarRoomView;
  paletteOpen: boolean;
  shortcutHelpOpen: boolean;
  settingsOpen: boolean;
  goHome(): void;
  openIncident(incidentId: string): void;
  setTheme(theme: Theme): void;
  setDeclareOpen(open: boolean): void;
  setJoinOpen(open: boolean): void;
  setNetworkSettingsOpen(open: boolean): void;
  toggleTimelineKind(kind: TimelineKind): void;
  setTimelineOrder(order: TimelineOrder): void;
  showToast(message: string, tone?: Toast['tone']): void;
  dismissToast(id: number): void;
  setWarRoomView(view: WarRoomView): void;
  setPaletteOpen(open: boolean): void;
  setShortcutHelpOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
}

let nextToastId = 1;

export const useUiStore = create<UiState>((set) => ({
  screen: { name: 'home' },
  theme: 'dark',
  declareOpen: false,
  joinOpen: false,
  networkSettingsOpen: false,
  timelineKinds: new Set(TIMELINE_KINDS),
  timelineOrder: 'newest-first',
  toasts: [],
  warRoomView: 'room',
  paletteOpen: false,
  shortcutHelpOpen: false,
  settingsOpen: false,
  goHome: () => set({ screen: { name: 'home' } }),
  openIncident: (incidentId) => set({ screen: { name: 'warroom', incidentId } }),
  setTheme: (theme) => set({ theme }),
  setDeclareOpen: (declareOpen) => set({ declareOpen }),
  setJoinOpen: (joinOpen) => set({ joinOpen }),
  setNetworkSettingsOpen: (networkSettingsOpen) => set({ networkSettingsOpen }),
  toggleTimelineKind: (kind) =>
    set((state) => {
      const kinds = new Set(state.timelineKinds);
      if (kinds.has(kind)) kinds.delete(kind);
      else kinds.add(kind);
      return { timelineKinds: kinds };
    }),
  setTimelineOrder: (timelineOrder) => set({ timelineOrder }),
  showToast: (message, tone = 'error') => {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts.slice(-3), { id, message, tone }] }));
    setTimeout(() => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })), 6000);
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
  setWarRoomView: (warRoomView) => set({ warRoomView }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setShortcutHelpOpen: (shortcutHelpOpen) => set({ shortcutHelpOpen }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
}));
