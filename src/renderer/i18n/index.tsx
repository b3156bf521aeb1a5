// The UI's language: one i18next instance for the window, chosen from the setting (or the
// system's languages), with `<html lang>` following it so screen readers and fonts pick the
// right voice and glyphs. Components translate with `useT('namespace')`.
import { createI18n, matchLanguage, type UiLanguage } from '@core/i18n';
import type { Namespace } from '@core/i18n/namespaces';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { LanguageSetting } from '../sync/storage/preferences';

/** The system's languages; none where there is no navigator (Node before 21, where core tests run renderer modules). */
function systemLanguageList(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

/** The language a setting means on this computer now. */
export function resolveLanguage(setting: LanguageSetting, systemLanguages: readonly string[] = systemLanguageList()): UiLanguage {
  return setting === 'system' ? matchLanguage(systemLanguages) : setting;
}

let uiInstance: I18n | null = null;

/** The window's instance, made on first use in the system's language until a setting says otherwise. */
export function uiI18n(): I18n {
  uiInstance ??= createI18n(resolveLanguage('system'));
  return uiInstance;
}

function reflectOnDocument(language: UiLanguage): void {
  document.documentElement.lang = language;
}

/** Switches the whole window to `setting`'s language; every mounted `useT` re-renders. */
export async function applyLanguage(setting: LanguageSetting): Promise<UiLanguage> {
  const language = resolveLanguage(setting);
  await uiI18n().changeLanguage(language);
  reflectOnDocument(language);
  return language;
}

/** The UI language now in use. */
export function currentLanguage(): UiLanguage {
  return uiI18n().language as UiLanguage;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  return <I18nextProvider i18n={uiI18n()}>{children}</I18nextProvider>;
}

/** The translation function for one namespace of the UI language (re-renders when it changes). */
export function useT<N extends Namespace>(ns: N) {
  return useTranslation(ns).t;
}

/** The UI language, re-rendering when it changes. */
export function useLanguage(): UiLanguage {
  return useTranslation().i18n.language as UiLanguage;
}
