// Errors the incident library throws or reports, each with a message a responder can act on.
import { translator, type TFunction } from '@core/i18n';
import { SCHEMA_VERSION } from '@core/schema';
import { uiI18n } from '../../i18n';
import type { UnreadableReason } from './rows';

/**
 * Messages in the window's language; outside a window (unit tests, scripts in Node) in English,
 * the language the window's instance would have no system to choose from.
 */
export function text(): TFunction {
  return typeof navigator !== 'undefined' && typeof document !== 'undefined' ? uiI18n().t : translator('en');
}

function describeIncident(incidentId: string, title: string | null): string {
  return title
    ? text()('storage.incidentNamed', { ns: 'app', title, id: incidentId })
    : text()('storage.incidentUndeclared', { ns: 'app', id: incidentId });
}

/** A stored incident that cannot be opened. Its data is never deleted. */
export class UnreadableIncidentError extends Error {
  override readonly name = 'UnreadableIncidentError';

  constructor(
    readonly incidentId: string,
    readonly title: string | null,
    readonly reason: UnreadableReason,
    /** What exactly is wrong, for the details pane and bug reports. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      text()('storage.unreadable', { ns: 'app', incident: describeIncident(incidentId, title), why: explainUnreadable(reason, detail) }),
      options,
    );
  }
}

export function explainUnreadable(reason: UnreadableReason, detail: string): string {
  return reason === 'newer-version'
    ? text()('storage.newerVersion', { ns: 'app', detail })
    : text()('storage.damaged', { ns: 'app', detail });
}

/** The newer-version detail, in the same words as core's SchemaVersionError. */
export function newerVersionDetail(found: number): string {
  return `document schema ${found}; this version reads up to ${SCHEMA_VERSION}`;
}

export class IncidentNotFoundError extends Error {
  override readonly name = 'IncidentNotFoundError';
  constructor(readonly incidentId: string) {
    super(text()('storage.notFound', { ns: 'app', id: incidentId }));
  }
}

export class IncidentAlreadyExistsError extends Error {
  override readonly name = 'IncidentAlreadyExistsError';
  constructor(readonly incidentId: string) {
    super(text()('storage.alreadyExists', { ns: 'app', id: incidentId }));
  }
}

export class IncidentInUseError extends Error {
  override readonly name = 'IncidentInUseError';
  constructor(readonly incidentId: string) {
    super(text()('storage.inUse', { ns: 'app', id: incidentId }));
  }
}

export class InvalidIncidentIdError extends Error {
  override readonly name = 'InvalidIncidentIdError';
  constructor(readonly incidentId: unknown) {
    super(`An incident id must be 1 to 256 characters without control characters; got ${JSON.stringify(incidentId)}.`);
  }
}

const MAX_ID_LENGTH = 256;

export function checkIncidentId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH || /\p{Cc}/u.test(id)) {
    throw new InvalidIncidentIdError(id);
  }
}

/** Storage opens an incident once; sharing it between views is IncidentSessions' job. */
export class IncidentAlreadyOpenError extends Error {
  override readonly name = 'IncidentAlreadyOpenError';
  constructor(readonly incidentId: string) {
    super(`The incident ${incidentId} is already open in this window; share the open session instead of opening it again.`);
  }
}

export class InvalidProfileError extends Error {
  override readonly name = 'InvalidProfileError';
}

export class InvalidSettingError extends Error {
  override readonly name = 'InvalidSettingError';
}

export class LibraryClosedError extends Error {
  override readonly name = 'LibraryClosedError';
  constructor() {
    super(text()('storage.closed', { ns: 'app' }));
  }
}

export type StorageErrorKind = 'quota-exceeded' | 'write-failed' | 'open-failed';

/** Saving to (or opening) the local database failed; reported through `onStorageError`. */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    /** Incidents whose changes were not saved, when known. */
    readonly incidentIds: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The name of an error or of the error it wraps (Dexie wraps DOMExceptions in `inner`). */
export function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner ?? cause;
  }
  return names;
}

function errorText(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return `${error.name}: ${error.message}`;
  return String(error);
}

export function isQuotaExceeded(error: unknown): boolean {
  return errorNames(error).includes('QuotaExceededError');
}

/** Failures of the disk or the quota, as opposed to a caller's mistake such as a duplicate key. */
export function isDiskFailure(error: unknown): boolean {
  const names = errorNames(error);
  return names.includes('QuotaExceededError') || names.includes('UnknownError');
}

export function toStorageError(error: unknown, incidentIds: readonly string[]): StorageError {
  if (error instanceof StorageError) return error;
  const t = text();
  const consequence = incidentIds.length > 0 ? t('storage.keptInMemory', { ns: 'app' }) : t('storage.notSaved', { ns: 'app' });
  if (isQuotaExceeded(error)) {
    return new StorageError('quota-exceeded', t('storage.quota', { ns: 'app', consequence }), incidentIds, { cause: error });
  }
  return new StorageError('write-failed', t('storage.writeFailed', { ns: 'app', error: errorText(error), consequence }), incidentIds, {
    cause: error,
  });
}
