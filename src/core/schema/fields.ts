// Field kinds and record declarations: a record's fields are declared once, and from that one
// declaration come its TypeScript type, the defensive reader of its Y.Map, its strict JSON codec
// (import and export) and its typed writers.
//
// Why our own small kinds and not valibot or zod: a validator gives one of the four (the strict
// check). The other three need what such libraries do not model: a per-field fallback that
// may depend on another field (a peer's record with a bad `recordedAt` reads as its `at`), a
// Y.Map or Y.Text as the source, values stored as nested Y types, and JSON written with keys in
// declared order so that exports stay byte-identical. The strict half is `codec.ts`, which
// already gave path-naming messages for imports.
import * as Y from 'yjs';
import { stripBidiControls } from '../names';
import {
  id as idCodec,
  isTimeInRange,
  list,
  mismatch,
  nullable as nullableCodec,
  number,
  oneOf,
  optional,
  record,
  text as textCodec,
  time as timeCodec,
  type Codec,
} from './codec';

/** What a record's stored fields are read from: a Y.Map, or anything with the same `get`. */
export interface FieldSource {
  get(key: string): unknown;
  /** Present on Y.Maps: lets a field kept under several keys (see `f.keyed`) find its parts. */
  forEach?(visit: (value: unknown, key: string) => void): void;
}

export interface Field<T> {
  /** Strict check and JSON form, for import and export. */
  readonly codec: Codec<T>;
  /** The value as stored, when it fits this kind; undefined when it is missing or malformed. */
  load(value: unknown): T | undefined;
  /** What a missing or malformed value reads as; may look at the record's other fields. */
  fallback(source: FieldSource): T;
  /** The value to put into the Y.Map (arrays copied, nested records and texts built). */
  store(value: T): unknown;
  /** For a field kept under several keys of the record rather than its own: writes them. */
  storeInto?(map: YRecord, value: T): void;
}

type Fields = Readonly<Record<string, Field<unknown>>>;

/** The plain values of a set of fields, as reads return them. */
export type ValuesOf<F extends Fields> = { readonly [K in keyof F]: F[K] extends Field<infer T> ? T : never };

const identity = <T>(value: T): unknown => value;

function kind<T>(codec: Codec<T>, load: (value: unknown) => T | undefined, fallback: T, store: (value: T) => unknown = identity): Field<T> {
  return { codec, load, fallback: () => fallback, store };
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The field kinds a record is made of. */
export const f = {
  /** Any text; missing reads as `fallback`. */
  text(fallback = ''): Field<string> {
    return kind(textCodec, (value) => (typeof value === 'string' ? value : undefined), fallback);
  },

  /** Text shown as a name: an empty one reads as `fallback` too ("someone"); bidi controls are dropped (see names.ts). */
  name(fallback: string): Field<string> {
    return kind(
      textCodec,
      (value) => (typeof value === 'string' && stripBidiControls(value) !== '' ? stripBidiControls(value) : undefined),
      fallback,
    );
  },

  /** Someone's name as plain text (empty stays empty, missing reads as `fallback`); bidi controls are dropped (see names.ts). */
  displayName(fallback = ''): Field<string> {
    return kind(textCodec, (value) => (typeof value === 'string' ? stripBidiControls(value) : undefined), fallback);
  },

  /** A reference or name that must not be empty in a file; stored as text. */
  id(): Field<string> {
    return kind(idCodec, (value) => (typeof value === 'string' ? value : undefined), '');
  },

  /** A reference that may be absent: null, and an empty string reads as null too. */
  optionalId(): Field<string | null> {
    return kind(nullableCodec(idCodec), (value) => (typeof value === 'string' && value !== '' ? value : undefined), null);
  },

  /** One of a closed set of values. */
  choice<T extends string>(values: readonly T[], fallback: T): Field<T> {
    const allowed = new Set<unknown>(values);
    return kind(oneOf(values), (value) => (allowed.has(value) ? (value as T) : undefined), fallback);
  },

  /** One of a closed set, or null when it is missing or not one of them (the record is then skipped). */
  choiceOrNull<T extends string>(values: readonly T[]): Field<T | null> {
    const allowed = new Set<unknown>(values);
    return kind(nullableCodec(oneOf(values)), (value) => (allowed.has(value) ? (value as T) : undefined), null);
  },

  /**
   * An instant, UTC epoch ms, between 1970 and 2100 (see codec.ts): a peer's time outside reads
   * as missing, so no formatter ever meets it. `orField` names a field a missing one falls back to.
   */
  time(options: { orField?: string } = {}): Field<number> {
    const base = kind(timeCodec, (value) => (isTimeInRange(value) ? value : undefined), 0);
    const { orField } = options;
    if (orField === undefined) return base;
    return { ...base, fallback: (source) => (isTimeInRange(source.get(orField)) ? (source.get(orField) as number) : 0) };
  },

  /** An instant that may be absent (null); one out of range reads as absent. */
  optionalTime(): Field<number | null> {
    return kind(nullableCodec(timeCodec), (value) => (isTimeInRange(value) ? value : undefined), null);
  },

  /** A finite number. */
  number(fallback = 0): Field<number> {
    return kind(number, (value) => (isFiniteNumber(value) ? value : undefined), fallback);
  },

  /** A finite number that may be absent (null); range checks belong to the reader that knows them. */
  optionalNumber(): Field<number | null> {
    return kind(nullableCodec(number), (value) => (isFiniteNumber(value) ? value : undefined), null);
  },

  /** Yes or no; anything but `true` reads as no. */
  flag(): Field<boolean> {
    const codec: Codec<boolean> = {
      expected: 'true or false',
      read: (value, path) => {
        if (typeof value !== 'boolean') throw mismatch(path, 'true or false', value);
        return value;
      },
      write: (value) => value,
    };
    return kind(codec, (value) => (value === true ? true : undefined), false);
  },

  /** A list of texts; items that are not text are dropped rather than failing the record. */
  textList(): Field<readonly string[]> {
    return kind(
      list(textCodec),
      (value) => (Array.isArray(value) ? Object.freeze(value.filter((item): item is string => typeof item === 'string')) : undefined),
      Object.freeze([]) as readonly string[],
      (value) => [...value],
    );
  },

  /** Collaboratively edited text: a Y.Text, or a plain string written by an older or hand-made peer. */
  sharedText(): Field<string> {
    return kind(
      textCodec,
      (value) => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : undefined),
      '',
      (value) => new Y.Text(value),
    );
  },

  /** A plain object value with its own strict shape; a malformed one reads as null. */
  object<T>(codec: Codec<T>, load: (value: unknown) => T | null): Field<T | null> {
    return kind(
      nullableCodec(codec),
      (value) => load(value) ?? undefined,
      null,
      (value) => (value === null ? null : codec.write(value)),
    );
  },

  /**
   * Small immutable records kept under their own keys of the parent record (`<prefix><id>`), each
   * a plain value: two peers adding one at once write different keys, so both survive, where
   * two nested maps created at once for the same key would keep only one. Read as a list.
   */
  keyed<R extends { readonly id: string }, S extends Fields>(
    prefix: string,
    schema: RecordSchema<S, R>,
    order: (a: R, b: R) => number,
  ): Field<readonly R[]> {
    return {
      codec: list(schema.codec),
      load: () => undefined,
      fallback(source) {
        const items: R[] = [];
        source.forEach?.((value, key) => {
          if (!key.startsWith(prefix) || typeof value !== 'object' || value === null || Array.isArray(value)) return;
          const fields = value as Record<string, unknown>;
          items.push(schema.read(key.slice(prefix.length), { get: (field) => fields[field] }));
        });
        items.sort(order);
        return Object.freeze(items);
      },
      store: () => undefined,
      storeInto(map, values) {
        for (const item of values) map.set(`${prefix}${item.id}`, schema.plain(item as unknown as ValuesOf<S>));
      },
    };
  },

  /**
   * Records nested in a record (a hypothesis's evidence), stored as a Y.Map of Y.Maps keyed by
   * id so that two people adding one at once both keep theirs; read as a list in `order`.
   */
  nested<R extends { readonly id: string }, S extends Fields>(
    schema: RecordSchema<S, R>,
    order: (a: R, b: R) => number,
  ): Field<readonly R[]> {
    return {
      codec: list(schema.codec),
      load(value) {
        if (!(value instanceof Y.Map)) return undefined;
        const items: R[] = [];
        value.forEach((item: unknown, itemId: string) => {
          if (item instanceof Y.Map) items.push(schema.read(itemId, item));
        });
        items.sort(order);
        return Object.freeze(items);
      },
      fallback: () => Object.freeze([]) as readonly R[],
      store(values) {
        const map = new Y.Map<Y.Map<unknown>>();
        for (const item of values) map.set(item.id, schema.create(item as unknown as ValuesOf<S>));
        return map;
      },
    };
  },
} as const;

/**
 * A field added after a format version was published: absent in older files (read as `empty`)
 * and left out of the file when it is `empty`, so older exports still read and write the same.
 */
export function addedLater<T>(field: Field<T>, empty: T): LaterField<T> {
  const isEmpty = (value: unknown): boolean =>
    value === undefined || value === empty || (Array.isArray(value) && value.length === 0 && Array.isArray(empty));
  return { ...field, codec: optional(field.codec, empty), addedLater: true, isEmpty };
}

/** A field from `addedLater`: optional in files and when a record is created (absent reads as empty). */
export interface LaterField<T> extends Field<T> {
  readonly addedLater: true;
  /** Whether a value is this field's empty one; an empty value is not stored when a record is created. */
  isEmpty(value: unknown): boolean;
}

function isLater(field: Field<unknown>): field is LaterField<unknown> {
  return (field as Partial<LaterField<unknown>>).addedLater === true;
}

type LaterKeys<F extends Fields> = { [K in keyof F]: F[K] extends { readonly addedLater: true } ? K : never }[keyof F];

/** What `create` takes: every field, except that fields added later may be left out. */
export type CreateValues<F extends Fields> = Omit<ValuesOf<F>, LaterKeys<F>> & Partial<Pick<ValuesOf<F>, LaterKeys<F>>>;

/** A stored Y.Map holding one record's fields. */
export type YRecord = Y.Map<unknown>;

/** The fields of one shape of map, and everything derived from their declaration. */
export interface FieldSet<F extends Fields> {
  readonly fields: F;
  /** Every field read defensively: a missing or malformed one reads as its fallback. */
  readFields(source: FieldSource): ValuesOf<F>;
  /** One field read defensively. */
  get<K extends keyof F & string>(source: FieldSource, key: K): ValuesOf<F>[K];
  /** Writes one field. */
  set<K extends keyof F & string>(map: YRecord, key: K, value: ValuesOf<F>[K]): void;
  /** Writes several fields, in declaration order. */
  assign(map: YRecord, values: Partial<ValuesOf<F>>): void;
  /** A new Y.Map holding every field given, in declaration order (fields added later may be left out). */
  create(values: CreateValues<F>): YRecord;
  /** The same as a plain object, for records stored as one immutable value. */
  plain(values: ValuesOf<F>): Record<string, unknown>;
}

function fieldSet<F extends Fields>(fields: F): FieldSet<F> {
  const keys = Object.keys(fields) as Array<keyof F & string>;
  const readOne = (source: FieldSource, key: keyof F & string): unknown => {
    const field = fields[key] as Field<unknown>;
    const value = field.load(source.get(key));
    return value === undefined ? field.fallback(source) : value;
  };
  const storeOne = (map: YRecord, key: keyof F & string, value: unknown): void => {
    const field = fields[key] as Field<unknown>;
    if (field.storeInto) field.storeInto(map, value);
    else map.set(key, field.store(value));
  };
  return {
    fields,
    readFields(source) {
      const out: Record<string, unknown> = {};
      for (const key of keys) out[key] = readOne(source, key);
      return out as ValuesOf<F>;
    },
    get: (source, key) => readOne(source, key) as ValuesOf<F>[typeof key],
    set: (map, key, value) => storeOne(map, key, value),
    assign(map, values) {
      for (const key of keys) if (key in values) storeOne(map, key, (values as Record<string, unknown>)[key]);
    },
    create(values) {
      const map = new Y.Map<unknown>();
      for (const key of keys) {
        const value = (values as Record<string, unknown>)[key];
        const field = fields[key] as Field<unknown>;
        // Records stay as small as before a field was added until the field is used.
        if (value === undefined || (isLater(field) && field.isEmpty(value))) continue;
        storeOne(map, key, value);
      }
      return map;
    },
    plain(values) {
      const out: Record<string, unknown> = {};
      for (const key of keys) out[key] = (fields[key] as Field<unknown>).store((values as Record<string, unknown>)[key]);
      return out;
    },
  };
}

/** A map that holds one set of fields (the incident, the room policy). */
export interface MapSchema<F extends Fields> extends FieldSet<F> {
  readonly codec: Codec<ValuesOf<F>>;
}

export function defineMap<F extends Fields>(fields: F, formatName: string): MapSchema<F> {
  const set = fieldSet(fields);
  const codecs = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.codec]));
  return { ...set, codec: record(codecs as never, formatName) as Codec<ValuesOf<F>> };
}

/** A record kept in a collection, keyed by its id. `R` is what a read returns. */
export interface RecordSchema<F extends Fields, R extends { readonly id: string } = { readonly id: string } & ValuesOf<F>>
  extends FieldSet<F> {
  /** Reads a stored record defensively and freezes it. */
  read(id: string, map: FieldSource): R;
  /** The strict JSON codec: the id, then every field in declaration order. */
  readonly codec: Codec<R>;
}

/** Stored fields plus the id; what a record reads as when nothing is derived. */
export type Stored<F extends Fields> = { readonly id: string } & ValuesOf<F>;

/**
 * Declares a record. `derive` adds values computed from the stored fields at read time (a
 * handoff's status); they are never stored and never in the codec's output.
 */
export function defineRecord<F extends Fields>(fields: F, formatName: string): RecordSchema<F, Stored<F>>;
export function defineRecord<F extends Fields, D extends object>(
  fields: F,
  formatName: string,
  derive: (values: Stored<F>) => D,
): RecordSchema<F, Stored<F> & D>;
export function defineRecord<F extends Fields, D extends object>(
  fields: F,
  formatName: string,
  derive?: (values: Stored<F>) => D,
): RecordSchema<F, Stored<F> & D> {
  const set = fieldSet(fields);
  const codecs: Record<string, Codec<unknown>> = { id: idCodec };
  for (const [key, field] of Object.entries(fields)) codecs[key] = field.codec;
  const stored = record(codecs as never, formatName) as Codec<Stored<F>>;
  const withDerived = (values: Stored<F>): Stored<F> & D =>
    Object.freeze(derive ? { ...values, ...derive(values) } : values) as Stored<F> & D;
  // Derived values are recomputed on read and never written: `record` writes declared keys only.
  const codec: Codec<Stored<F> & D> = {
    expected: stored.expected,
    read: (value, path) => withDerived(stored.read(value, path)),
    write: (value) => stored.write(value),
  };
  return {
    ...set,
    codec,
    read(id, source) {
      return withDerived({ id, ...set.readFields(source) } as Stored<F>);
    },
  };
}
