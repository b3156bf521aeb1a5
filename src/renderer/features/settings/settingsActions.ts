// The palette's ways to the settings: "Settings…" (declared in actions.ts, registered by the app
// shell) and one item per language to switch to at once, named in that language.
import { LANGUAGE_NAMES, LANGUAGES } from '@core/i18n';
import { useMemo } from 'react';
import { useServices } from '../../app/services';
import { useLanguage, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { useDataItems, type DataItem } from '../commands/registry';
import { changeLanguage } from './languageSetting';

export function useLanguageActions(): void {
  const t = useT('palette');
  const ta = useT('app');
  const { library, platform } = useServices();
  const showToast = useUiStore((s) => s.showToast);
  const current = useLanguage();
  const items = useMemo<DataItem[]>(
    () =>
      LANGUAGES.filter((language) => language !== current).map((language) => ({
        key: `language:${language}`,
        label: t('action.app.language', { language: LANGUAGE_NAMES[language] }),
        // Found by the language's own name and its tag whatever the UI speaks now.
        keywords: [LANGUAGE_NAMES[language], language, 'language'],
        detail: '',
        run: () => {
          changeLanguage(library.preferences, platform, language).catch((error: unknown) => {
            console.error('Sitrep: switching the language failed', error);
            showToast(ta('settings.saveFailed', { error: error instanceof Error ? error.message : String(error) }));
          });
        },
      })),
    [current, t, ta, library, platform, showToast],
  );
  useDataItems('settings-languages', t('group.language'), items);
}
