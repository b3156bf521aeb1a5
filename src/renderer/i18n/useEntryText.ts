// A timeline entry's words in the UI language (see core/events/entryText.ts).
import { entryText } from '@core/events/entryText';
import type { TimelineEntry } from '@core/schema/collections';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export function useEntryText(): (entry: TimelineEntry) => string {
  const { t } = useTranslation();
  return useCallback((entry: TimelineEntry) => entryText(entry, t), [t]);
}
