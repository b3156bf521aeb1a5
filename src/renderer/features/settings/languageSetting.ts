// Saving the language setting and applying it everywhere it shows: the window (every `useT`
// re-renders, `<html lang>` follows) and, in the desktop app, the application menu.
import type { UiLanguage } from '@core/i18n';
import { applyLanguage, uiI18n } from '../../i18n';
import type { PlatformAdapter } from '../../platform/platform';
import type { LanguageSetting } from '../../sync/storage/preferences';

interface LanguageStore {
  setSetting(key: 'language', value: LanguageSetting): Promise<void>;
}

/** Tells the desktop app's menu which language the window speaks; a failure only leaves the menu as it was. */
export function tellMenuLanguage(platform: PlatformAdapter): void {
  if (!platform.setMenuLanguage) return;
  platform
    .setMenuLanguage(uiI18n().language as UiLanguage)
    .catch((error: unknown) => console.warn('Sitrep: the application menu could not follow the language', error));
}

/**
 * Stores the setting first, then switches: a setting that could not be saved is not applied, so
 * the window never shows a language that the next start would not.
 */
export async function changeLanguage(preferences: LanguageStore, platform: PlatformAdapter, setting: LanguageSetting): Promise<void> {
  await preferences.setSetting('language', setting);
  await applyLanguage(setting);
  tellMenuLanguage(platform);
}
