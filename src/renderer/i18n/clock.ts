// Which zone the room shows times in: this computer's, or UTC when the setting says so. One
// rule for the whole window; components read it with `useClockZone()`.
import { create } from 'zustand';
import type { TimeZoneSetting } from '../sync/storage/preferences';

export interface ClockZone {
  readonly setting: TimeZoneSetting;
  /** An IANA zone name Intl accepts. */
  readonly zone: string;
}

function zoneFor(setting: TimeZoneSetting): ClockZone {
  return { setting, zone: setting === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone };
}

const useClockStore = create<ClockZone>(() => zoneFor('local'));

/** Applies the setting to the whole window (called at start and when the setting changes). */
export function applyClockZone(setting: TimeZoneSetting): ClockZone {
  const next = zoneFor(setting);
  useClockStore.setState(next, true);
  return next;
}

export function useClockZone(): ClockZone {
  return useClockStore();
}

export function clockZone(): ClockZone {
  return useClockStore.getState();
}
