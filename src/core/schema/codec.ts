// Small two-way field codecs: one declaration of a record's fields both checks untrusted JSON
// (with the path of the first bad field) and writes records with a stable key order.

/** A value in an import file is not what the format says; the message names the field. */
export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

export interface Codec<T> {
  /** Checks an untrusted value found at `path`; throws ExportFormatError if it does not fit. */
  read(value: unknown, path: string): T;
  /** The plain JSON value to write, with object keys in declaration order. */
  write(value: T): unknown;
  /** What the value must be, for messages: "a number", "one of: a, b". */
  readonly expected: string;
}

export function describeFound(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'found null';
  if (Array.isArray(value)) return 'found a list';
  switch (typeof value) {
    case 'string':
      return `found the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
      return `found ${value}`;
    case 'boolean':
      return `found ${value}`;
    case 'object':
      return 'found an object';
    default:
      return `found a ${typeof value}`;
  }
}

export function mismatch(path: string, expected: string, value: unknown): ExportFormatError {
  return new ExportFormatError(`${path} must be ${expected} (${describeFound(value)}).`);
}

function codec<T>(expected: string, read: (value: unknown, path: string) => T, write: (value: T) => unknown = (v) => v): Codec<T> {
  return { expected, read, write };
}

export const text: Codec<string> = codec('a string', (value, path) => {
  if (typeof value !== 'string') throw mismatch(path, 'a string', value);
  return value;
});

export const id: Codec<string> = codec('a non-empty string', (value, path) => {
  if (typeof value !== 'string' || value === '') throw mismatch(path, 'a non-empty string', value);
  return value;
});

export const number: Codec<number> = codec('a number', (value, path) => {
  if (typeof value !== 'number') throw mismatch(path, 'a number', value);
  if (!Number.isFinite(value)) throw new ExportFormatError(`${path} must be a finite number.`);
  return value;
});

/**
 * The instants an incident's times may take: 1970-01-01 to 2100-01-01 UTC. Far wider than any
 * incident, and narrow enough that every formatter (time zones add hours) stays inside what a
 * JavaScript Date represents; a time outside it is a mistake or a hostile value.
 */
export const TIME_MIN = Date.UTC(1970, 0, 1);
export const TIME_MAX = Date.UTC(2100, 0, 1);

/** Whether a value is an instant in the window above, in epoch milliseconds. */
export function isTimeInRange(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= TIME_MIN && value <= TIME_MAX;
}

/** An instant in UTC epoch milliseconds. */
export const time: Codec<number> = codec('a number', (value, path) => {
  const ms = number.read(value, path);
  if (!isTimeInRange(ms)) {
    // Not phrased "must be", so that `nullable` keeps it rather than saying "a number or null".
    throw new ExportFormatError(`${path} is out of range (found ${ms}): times must be between 1970-01-01 and 2100-01-01 UTC.`);
  }
  return ms;
});

export function oneOf<T extends string>(values: readonly T[]): Codec<T> {
  const expected = `one of: ${values.join(', ')}`;
  return codec(expected, (value, path) => {
    if (!(values as readonly unknown[]).includes(value)) throw mismatch(path, expected, value);
    return value as T;
  });
}

export function nullable<T>(inner: Codec<T>): Codec<T | null> {
  const expected = `${inner.expected} or null`;
  return codec(
    expected,
    (value, path) => {
      if (value === null) return null;
      if (value === undefined) throw mismatch(path, expected, value);
      try {
        return inner.read(value, path);
      } catch (error) {
        // Name both choices, so "null" is not a surprise to the person fixing the file.
        if (error instanceof ExportFormatError && error.message.startsWith(`${path} must be `)) {
          throw mismatch(path, expected, value);
        }
        throw error;
      }
    },
    (value) => (value === null ? null : inner.write(value)),
  );
}

/**
 * A field added to a published version: absent in files written before it existed (read as
 * `empty`), and left out when its value is `empty`, so those files still read and still write
 * byte for byte the same.
 */
export function optional<T>(inner: Codec<T>, empty: T): Codec<T> {
  // An empty list is empty whichever array it is.
  const isEmpty = (value: T | undefined): boolean =>
    value === undefined || value === empty || (Array.isArray(empty) && empty.length === 0 && Array.isArray(value) && value.length === 0);
  return codec(
    `${inner.expected} (optional)`,
    (value, path) => (value === undefined ? empty : inner.read(value, path)),
    (value) => (isEmpty(value) ? undefined : inner.write(value)),
  );
}

export function list<T>(item: Codec<T>): Codec<readonly T[]> {
  return codec(
    'a list',
    (value, path) => {
      if (!Array.isArray(value)) throw mismatch(path, 'a list', value);
      return Object.freeze(value.map((entry, index) => item.read(entry, `${path}[${index}]`)));
    },
    (values) => values.map((entry) => item.write(entry)),
  );
}

export type Fields<T> = { readonly [K in keyof T]-?: Codec<T[K]> };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A record with exactly these fields, in this order. Unknown fields are refused rather than
 * dropped: a file that has them was edited by hand or written by another format version,
 * and importing it would silently lose data.
 */
export function record<T>(fields: Fields<T>, formatName = 'this format'): Codec<T> {
  const keys = Object.keys(fields) as Array<keyof T & string>;
  return codec(
    'an object',
    (value, path) => {
      if (!isPlainObject(value)) throw mismatch(path, 'an object', value);
      const result: Partial<Record<keyof T, unknown>> = {};
      for (const key of keys) {
        const fieldPath = path === '' ? key : `${path}.${key}`;
        result[key] = fields[key].read(value[key], fieldPath);
      }
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(fields, key)) {
          throw new ExportFormatError(`${path === '' ? key : `${path}.${key}`} is not a field of ${formatName}.`);
        }
      }
      return Object.freeze(result) as T;
    },
    (value) => {
      const out: Record<string, unknown> = {};
      for (const key of keys) out[key] = fields[key].write(value[key]);
      return out;
    },
  );
}
