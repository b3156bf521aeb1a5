// Sitrep's offline storage: the incident library on IndexedDB (Dexie, with y-dexie's table layout).
export { openLibrary } from './library';
export type { IncidentLibrary, LibraryOptions } from './library';
export { IncidentStorage, MIGRATION_ORIGIN } from './incidentStorage';
export type { IncidentStorageOptions, OpenIncident } from './incidentStorage';
export { Preferences } from './preferences';
export { RoomCredentials } from './roomCredentials';
export { SearchDigests } from './searchDigests';
export { AttachmentStore, AttachmentStoreError } from './attachments';
export type { AttachmentRow } from './attachments';
export type { StorageErrorListener } from './storageErrors';
export type { CatalogEntry } from './catalog';
export type { StoredRoom } from './roomCredentials';
export type { CompactionResult } from './compaction';
export type { SaveState, SaveStateSource } from './saveState';
export { DEFAULT_DATABASE_NAME, STORAGE_SCHEMA_VERSION } from './database';
export type { UnreadableReason } from './rows';
export {
  IncidentAlreadyExistsError,
  IncidentAlreadyOpenError,
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
