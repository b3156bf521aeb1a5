// The one rule for time: what the formatters write by default follows a display configuration,
// the UI language and the zone the window shows times in. The renderer sets it whenever the
// language or the clock-zone setting changes (src/renderer/i18n/clock.ts); exports and shared
// texts do not rely on it but pass their own language and zone. Outside a window (Node, tests)
// it stays English in UTC, so nothing depends on the machine's zone.
import { isLanguage, type Language, type UiLanguage } from '../i18n/languages';

export interface TimeDisplay {
  /** The catalog language words come from (durations, "just now", zone labels). */
  readonly language: UiLanguage;
  /** The Intl locale dates and numbers are written in: the language, or a regional form of it the system prefers (en-GB). */
  readonly locale: string;
  /** An IANA zone name Intl accepts. */
  readonly zone: string;
}

const DEFAULT_DISPLAY: TimeDisplay = Object.freeze({ language: 'en', locale: 'en', zone: 'UTC' });

let current: TimeDisplay = DEFAULT_DISPLAY;
const listeners = new Set<(display: TimeDisplay) => void>();

/** The configuration the formatters use when not given one. */
export function timeDisplay(): TimeDisplay {
  return current;
}

/** Replaces the configuration (fields not given keep their value) and tells every subscriber. */
export function setTimeDisplay(next: Partial<TimeDisplay>): TimeDisplay {
  const merged: TimeDisplay = Object.freeze({ ...current, ...next });
  if (merged.language === current.language && merged.locale === current.locale && merged.zone === current.zone) return current;
  current = merged;
  for (const listener of listeners) listener(current);
  return current;
}

/** Back to English in UTC (tests). */
export function resetTimeDisplay(): void {
  setTimeDisplay(DEFAULT_DISPLAY);
}

export function onTimeDisplayChange(listener: (display: TimeDisplay) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The catalog language behind a UI language: the pseudo-locale reads English words. */
export function catalogLanguage(language: UiLanguage): Language {
  return isLanguage(language) ? language : 'en';
}

/**
 * The Intl locale for a language: the first of the system's preferred locales in that language
 * (so an English UI on a British system writes "12 Mar 2025"), else the language's own tag.
 */
export function intlLocaleFor(language: UiLanguage, preferred: readonly string[] = []): string {
  const base = catalogLanguage(language);
  const baseLanguage = base.split('-')[0];
  for (const tag of preferred) {
    try {
      const locale = new Intl.Locale(tag);
      if (locale.language !== baseLanguage) continue;
      // Simplified Chinese only: a Traditional system locale would write other characters.
      if (baseLanguage === 'zh' && locale.maximize().script !== 'Hans') continue;
      return locale.toString();
    } catch {
      // A malformed tag from the system is skipped.
    }
  }
  return base;
}

/** A display for an explicit language and zone (exports, updates, briefings). */
export function displayFor(language: UiLanguage, zone: string): TimeDisplay {
  return { language, locale: intlLocaleFor(language), zone };
}
