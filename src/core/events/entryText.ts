// The words of a timeline entry in a reader's language. An entry a person wrote reads as written;
// an automatic entry is a structured event rendered from the `events` catalog, and one stored
// before events were structured keeps its old (English) text.
import type { TFunction } from '../i18n';
import type { TimelineEntry } from '../schema/collections';
import { isKnownEvent, renderEvent } from './render';

type LooseT = (key: string, values: Record<string, string>) => string;

export function entryText(entry: TimelineEntry, t: TFunction): string {
  // A record built by hand (a fixture, an older snapshot) may lack the field altogether.
  if (entry.kind !== 'event' || !entry.params) return entry.text;
  const event = entry.event ?? '';
  const rendered = renderEvent(event, entry.params, t);
  if (rendered !== null) return rendered;
  // An event this version does not know (a newer peer's) still has the English copy it stored.
  if (!isKnownEvent(event) && entry.text.trim() !== '') return entry.text;
  // Parameters that do not fit their event (a peer's garbage): a safe line that names it.
  const generic = (t as unknown as LooseT)('events:generic', { event: event || '?' });
  return generic === 'events:generic' ? `Automatic entry (${event || '?'})` : generic;
}
