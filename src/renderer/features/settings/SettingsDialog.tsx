// Settings kept on this computer: the UI language, the zone times are shown in, and the theme.
// A saved language switches the whole window at once; a save that fails keeps the old value.
import { LANGUAGE_NAMES, LANGUAGES, matchLanguage, PSEUDO_LANGUAGE } from '@core/i18n';
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { useLanguage, useT } from '../../i18n';
import { applyClockZone, useClockZone } from '../../i18n/clock';
import { useUiStore, type Theme } from '../../state/uiStore';
import type { LanguageSetting, TimeZoneSetting } from '../../sync/storage/preferences';
import { FormDialog } from '../../ui/FormDialog';
import { changeLanguage } from './languageSetting';
import { useLanguageActions } from './settingsActions';

const LANGUAGE_CHOICES: readonly LanguageSetting[] = ['system', ...LANGUAGES, PSEUDO_LANGUAGE];

/** "UTC+09:00": this computer's offset from UTC now. */
export function localOffset(at: number = Date.now()): string {
  const minutes = -new Date(at).getTimezoneOffset();
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The zone's short name as the UI language writes it ("JST", "GMT+9", "MSK"), else its IANA name. */
export function localZoneName(language: string, at: number = Date.now()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  try {
    const part = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? zone;
  } catch {
    return zone; // a language tag Intl refuses (the pseudo-locale) still names the zone
  }
}

export function SettingsDialog() {
  const open = useUiStore((s) => s.settingsOpen);
  const setOpen = useUiStore((s) => s.setSettingsOpen);
  useLanguageActions();
  // Mounted only while open, so each opening starts from the stored values.
  return open ? <SettingsForm onOpenChange={setOpen} /> : null;
}

function SettingsForm({ onOpenChange }: { onOpenChange: (open: boolean) => void }) {
  const t = useT('app');
  const tc = useT('common');
  const { library, platform } = useServices();
  const uiLanguage = useLanguage();
  const showToast = useUiStore((s) => s.showToast);
  const theme = useUiStore((s) => s.theme);
  const setTheme = useUiStore((s) => s.setTheme);
  const clock = useClockZone();
  // Null until the stored setting is read: the UI shows its result, not whether it was "system".
  const [language, setLanguage] = useState<LanguageSetting | null>(null);
  const [languageError, setLanguageError] = useState<string | null>(null);
  const [zone, setZone] = useState<TimeZoneSetting>(clock.setting);
  const [chosenTheme, setChosenTheme] = useState<Theme>(theme);

  useEffect(() => {
    let live = true;
    library.preferences.getSetting('language').then(
      (value) => live && setLanguage(value),
      (error: unknown) => {
        // Left unread, the language is not offered for saving: a guess must not overwrite it.
        console.error('Sitrep: reading the language setting failed', error);
        if (live) setLanguageError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      live = false;
    };
  }, [library]);

  const system = LANGUAGE_NAMES[matchLanguage(navigator.languages)];
  const nameOf = (choice: LanguageSetting) =>
    choice === 'system'
      ? tc('language.system', { language: system })
      : choice === PSEUDO_LANGUAGE
        ? t('settings.pseudo')
        : LANGUAGE_NAMES[choice];

  const save = async (): Promise<true | string> => {
    try {
      if (language !== null) await changeLanguage(library.preferences, platform, language);
      if (zone !== clock.setting) {
        await library.preferences.setSetting('timeZone', zone);
        applyClockZone(zone);
      }
      if (chosenTheme !== theme) {
        await library.preferences.setSetting('theme', chosenTheme);
        setTheme(chosenTheme);
      }
      return true;
    } catch (error) {
      console.error('Sitrep: saving the settings failed', error);
      const message = t('settings.saveFailed', { error: error instanceof Error ? error.message : String(error) });
      showToast(message);
      return message;
    }
  };

  return (
    <FormDialog
      open
      onOpenChange={onOpenChange}
      title={t('settings.title')}
      description={t('settings.description')}
      submitLabel={tc('action.save')}
      onSubmit={save}
    >
      <div className="field">
        <label htmlFor="settings-language">{t('settings.language')}</label>
        <select
          id="settings-language"
          className="select"
          value={language ?? 'system'}
          onChange={(e) => setLanguage(e.target.value as LanguageSetting)}
          disabled={language === null}
          aria-describedby={languageError ? 'settings-language-error' : undefined}
        >
          {LANGUAGE_CHOICES.map((choice) => (
            <option key={choice} value={choice} lang={choice === 'system' || choice === PSEUDO_LANGUAGE ? undefined : choice}>
              {nameOf(choice)}
            </option>
          ))}
        </select>
        {languageError && (
          <span className="form-error" id="settings-language-error">
            {t('settings.languageUnread', { error: languageError })}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="settings-zone">{t('settings.times')}</label>
        <select id="settings-zone" className="select" value={zone} onChange={(e) => setZone(e.target.value as TimeZoneSetting)}>
          <option value="local">{t('settings.timesLocal', { zone: localZoneName(uiLanguage), offset: localOffset() })}</option>
          <option value="utc">{t('settings.timesUtc')}</option>
        </select>
        <span className="field-hint">{t('settings.timesHint')}</span>
      </div>
      <div className="field">
        <label htmlFor="settings-theme">{t('settings.theme')}</label>
        <select id="settings-theme" className="select" value={chosenTheme} onChange={(e) => setChosenTheme(e.target.value as Theme)}>
          <option value="dark">{t('settings.themeDark')}</option>
          <option value="light">{t('settings.themeLight')}</option>
        </select>
      </div>
    </FormDialog>
  );
}
