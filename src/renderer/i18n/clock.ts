// Which zone the room shows times in: this computer's, or UTC when the setting says so. One
// rule for the whole window: the core formatters (src/core/time) follow the display this module
// keeps up to date (the UI language and this zone); components read it with `useTimeDisplay()`
// (or `useClockZone()`) so they re-render when either changes.
import { onTimeDisplayChange, setTimeDisplay, timeDisplay, intlLocaleFor, type TimeDisplay } from '@core/time/display';
import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import type { TimeZoneSetting } from '../sync/storage/preferences';
import { uiI18n } from './index';
import type { UiLanguage } from '@core/i18n';

export interface ClockZone {
  readonly setting: TimeZoneSetting;
  /** An IANA zone name Intl accepts. */
  readonly zone: string;
}

function zoneFor(setting: TimeZoneSetting): ClockZone {
  return { setting, zone: setting === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
}

const useClockStore = create<ClockZone>(() => zoneFor('local'));

function systemLocales(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

function followLanguage(language: UiLanguage): void {
  setTimeDisplay({ language, locale: intlLocaleFor(language, systemLocales()) });
}

// From the first import on, the formatters speak the window's language in the window's zone.
setTimeDisplay({ zone: useClockStore.getState().zone });
followLanguage(uiI18n().language as UiLanguage);
uiI18n().on('languageChanged', (language) => followLanguage(language as UiLanguage));

/** Applies the setting to the whole window (called at start and when the setting changes). */
export function applyClockZone(setting: TimeZoneSetting): ClockZone {
  const next = zoneFor(setting);
  useClockStore.setState(next, true);
  setTimeDisplay({ zone: next.zone });
  return next;
}

export function useClockZone(): ClockZone {
  return useClockStore();
}

export function clockZone(): ClockZone {
  return useClockStore.getState();
}

/** The display the formatters use now, re-rendering when the language or the zone changes. */
export function useTimeDisplay(): TimeDisplay {
  return useSyncExternalStore(onTimeDisplayChange, timeDisplay, timeDisplay);
}
