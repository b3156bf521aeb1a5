// The single write path: every change to an incident runs through `runCommand`, which applies
// it and appends the timeline record that describes it in the same transaction.
import * as Y from 'yjs';
import type { Author, EntrySubject, EpochMs, TimelineKind } from '../model';
import { collection, incidentMap, incidentSchema, personSchema, timelineEntrySchema, type YRecord } from '../schema';
import { newId } from '../ids';
import { renderEvent, type EventParams } from '../events/render';
import { translator, type TFunction } from '../i18n';
import { isRefusalKey, refusalText, type RefusalParams } from './refusals';

/** Who acts, and (for tests and replays) the clock they act by. */
export interface Actor extends Author {
  readonly now?: () => EpochMs;
}

/**
 * Origin of a transaction made by this app on behalf of the local person. The undo history
 * tracks this class, so undo only ever reverts your own changes, never a peer's.
 */
export class LocalChange {
  /**
   * The first event the change recorded: undo and redo name the step by it, in the reader's
   * language ("Undo: Task “Check pool” assigned to Chen"), where `label` is English for logs.
   */
  event: { readonly event: string; readonly params: EventParams } | null = null;

  constructor(
    readonly label: string,
    readonly authorId: string,
  ) {}
}

/** Origin of writes that must never be undone: undo records themselves, imports, migrations. */
export class SystemRecord {
  constructor(readonly label: string) {}
}

/**
 * A command refused because of what the person asked for. `key` names the reason in the
 * `refusals` catalog and `params` fill it; `message` is the English text (logs, tests). The UI
 * shows `refusalText(key, params, t)` in its language. A text that is not a catalog key (a
 * caller outside the commands) is kept as the message, with the key `literal`.
 */
export class CommandError extends Error {
  declare readonly key: string;
  declare readonly params: RefusalParams;

  constructor(key: string, params: RefusalParams = {}) {
    const known = isRefusalKey(key);
    super(known ? refusalText(key, params, translator('en')) : key);
    this.name = 'CommandError';
    // Not enumerable: two refusals with the same message compare equal, as they always did.
    Object.defineProperty(this, 'key', { value: known ? key : 'literal' });
    Object.defineProperty(this, 'params', { value: known ? params : {} });
  }

  /** The refusal in the language of `t` (a literal one as written). */
  text(t: TFunction): string {
    return this.key === 'literal' ? this.message : refusalText(this.key, this.params, t);
  }
}

export const LIMITS = {
  title: 200,
  name: 80,
  contact: 200,
  text: 10_000,
  services: 50,
  serviceName: 100,
} as const;

/** Trims and checks a required text field, with a message that names the field. */
export function requiredText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new CommandError('input.mustBeText', { field: { field } });
  const trimmed = value.trim();
  if (trimmed === '') throw new CommandError('input.empty', { field: { field } });
  if (trimmed.length > max) {
    throw new CommandError('input.tooLong', { field: { field }, length: String(trimmed.length), max: String(max) });
  }
  return trimmed;
}

export function optionalText(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new CommandError('input.mustBeText', { field: { field } });
  const trimmed = value.trim();
  if (trimmed.length > max) {
    throw new CommandError('input.tooLong', { field: { field }, length: String(trimmed.length), max: String(max) });
  }
  return trimmed;
}

export function validTime(value: unknown, field: string): EpochMs {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CommandError('input.invalidTime', { field: { field } });
  }
  return Math.round(value);
}

/** Tolerated clock difference between laptops before a time counts as "in the future". */
export const CLOCK_SKEW_MS = 60_000;

/** A time that may be backdated but not set in the future; defaults to now. */
export function timeNotInFuture(value: unknown, now: EpochMs, field: string): EpochMs {
  if (value === undefined) return now;
  const at = validTime(value, field);
  if (at > now + CLOCK_SKEW_MS) throw new CommandError('input.inFuture', { field: { field } });
  return at;
}

export function oneOfValues<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new CommandError('input.oneOf', { field: { field }, allowed: allowed.join(', ') });
  }
  return value as T;
}

/** Looks up a record that must exist, with a message naming what is missing. */
export function existing(doc: Y.Doc, name: Parameters<typeof collection>[1], id: unknown, what: string): YRecord {
  const record = typeof id === 'string' ? collection(doc, name).get(id) : undefined;
  if (!(record instanceof Y.Map)) throw new CommandError('input.gone', { thing: { thing: what } });
  return record;
}

export function personName(doc: Y.Doc, personId: string | null): string {
  if (!personId) return 'nobody';
  const record = collection(doc, 'people').get(personId);
  return record instanceof Y.Map ? personSchema.get(record, 'name') : 'someone';
}

/** A person's name for an event's parameters: as the roster has it now, '' when unknown (rendered as "someone"). */
export function nameOf(doc: Y.Doc, personId: string | null): string {
  if (!personId) return '';
  const record = collection(doc, 'people').get(personId);
  return record instanceof Y.Map ? personSchema.get(record, 'name') : '';
}

export function requireDeclared(doc: Y.Doc): void {
  if (incidentSchema.get(incidentMap(doc), 'id') === '') {
    throw new CommandError('incident.notDeclared');
  }
}

/** Highest timeline sequence number written through this Y.Doc instance, found once by scan. */
const lastSeq = new WeakMap<Y.Doc, number>();

function nextSeq(doc: Y.Doc): number {
  let last = lastSeq.get(doc);
  if (last === undefined) {
    last = 0;
    for (const record of collection(doc, 'timeline').values()) {
      const seq = record instanceof Y.Map ? timelineEntrySchema.get(record, 'seq') : 0;
      if (seq > last) last = seq;
    }
  }
  lastSeq.set(doc, last + 1);
  return last + 1;
}

/** What a person wrote: their words, as written. */
interface WrittenInput {
  readonly kind: TimelineKind;
  readonly text: string;
  readonly event?: undefined;
  readonly params?: undefined;
}

/**
 * What a command recorded: the event and its parameters, never a sentence. Each reader renders
 * it in their own language (core/events); `text` keeps an English copy only for readers that
 * predate events (an older Sitrep on a peer or after a downgrade), never read by this version.
 */
interface EventInput {
  readonly kind: 'event';
  readonly event: string;
  readonly params: EventParams;
  readonly text?: undefined;
}

export type RecordInput = (WrittenInput | EventInput) & {
  readonly subject?: EntrySubject;
  /** When it happened, if earlier than now (backdated milestones and notes). */
  readonly at?: EpochMs;
  /** The roster person who said or did it, when not the author (see entries.ts). */
  readonly saidBy?: { readonly id: string; readonly name: string } | null;
};

/** The English copy of an event for readers that predate events; a bug if it does not render. */
function englishCopy(event: string, params: EventParams): string {
  // In UTC, so the copy says the same whatever zone the writing laptop shows.
  const text = renderEvent(event, params, translator('en'), 'UTC');
  if (text === null) throw new Error(`Event ${event} does not render with the parameters given: ${JSON.stringify(params)}`);
  return text;
}

export interface CommandScope {
  readonly doc: Y.Doc;
  readonly now: EpochMs;
  readonly actor: Actor;
  /** Appends a timeline entry authored by the actor; returns its id. */
  record(entry: RecordInput): string;
}

export function appendTimelineEntry(doc: Y.Doc, actor: Author, now: EpochMs, entry: RecordInput): string {
  const id = newId();
  collection(doc, 'timeline').set(
    id,
    timelineEntrySchema.create({
      kind: entry.kind,
      text: entry.params ? englishCopy(entry.event, entry.params) : entry.text,
      at: entry.at ?? now,
      recordedAt: now,
      seq: nextSeq(doc),
      authorId: actor.id,
      authorName: actor.name,
      event: entry.event ?? null,
      subject: entry.subject ? { collection: entry.subject.collection, id: entry.subject.id } : null,
      saidById: entry.saidBy?.id ?? null,
      saidByName: entry.saidBy?.name ?? '',
      params: entry.params ?? null,
    }),
  );
  return id;
}

/**
 * Runs one command: validation happens inside `apply` before any write, and a CommandError
 * thrown there leaves the document untouched because nothing was written yet.
 */
export function runCommand<T>(doc: Y.Doc, actor: Actor, label: string, apply: (scope: CommandScope) => T): T {
  const now = actor.now ? actor.now() : Date.now();
  let result!: T;
  const origin = new LocalChange(label, actor.id);
  doc.transact(() => {
    result = apply({
      doc,
      now,
      actor,
      record: (entry) => {
        if (origin.event === null && entry.params) origin.event = { event: entry.event, params: entry.params };
        return appendTimelineEntry(doc, actor, now, entry);
      },
    });
  }, origin);
  return result;
}
