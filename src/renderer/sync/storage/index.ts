// Sitrep's offline storage: the incident library on IndexedDB (Dexie + y-dexie).
export { openLibrary, IncidentLibrary, MIGRATION_ORIGIN } from './library';
export type { LibraryOptions, OpenIncident, StorageErrorListener } from './library';
export type { CatalogEntry } from './catalog';
export type { StoredRoom } from './roomCredentials';
export type { CompactionResult } from './compaction';
export type { SaveState, SaveStateSource } from './saveState';
export { DEFAULT_DATABASE_NAME, STORAGE_SCHEMA_VERSION } from './database';
export type { UnreadableReason } from './database';
export {
  IncidentAlreadyExistsError,
  IncidentInUseError,
  IncidentNotFoundError,
  InvalidIncidentIdError,
  InvalidProfileError,
  InvalidSettingError,
  LibraryClosedError,
  StorageError,
  UnreadableIncidentError,
} from './errors';
export type { StorageErrorKind } from './errors';
export { DEFAULT_SETTINGS, DISPLAY_NAME_MAX, THEMES } from './preferences';
export type { AppSettings, Profile, SettingKey, Theme } from './preferences';
