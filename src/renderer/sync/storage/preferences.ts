// The local profile and app settings: their shapes, defaults, validation and storage.
import { isUiLanguage, type UiLanguage } from '@core/i18n/languages';
import { cleanName } from '@core/names';
import type { SitrepDatabase } from './database';
import { InvalidProfileError, InvalidSettingError, text } from './errors';
import { iceServersProblem, signalingListProblem, type IceServerSetting } from './networkSettings';

/** Who this computer's user is in every incident. Asked on first run; `id` never changes. */
export interface Profile {
  readonly id: string;
  readonly displayName: string;
}

export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];

/** The UI language: the system's (matched on each start) or one chosen in settings. */
export type LanguageSetting = 'system' | UiLanguage;

/** How the room shows times: in this computer's zone, or in UTC as many incident rooms do. */
export const TIME_ZONE_SETTINGS = ['local', 'utc'] as const;
export type TimeZoneSetting = (typeof TIME_ZONE_SETTINGS)[number];

export interface AppSettings {
  readonly theme: Theme;
  readonly language: LanguageSetting;
  readonly timeZone: TimeZoneSetting;
  /** Signaling addresses added to every room this computer opens or hosts (none by default). */
  readonly signalingUrls: readonly string[];
  /** STUN/TURN servers for WebRTC; empty by default so no third party is contacted. */
  readonly iceServers: readonly IceServerSetting[];
}

export const DEFAULT_SETTINGS: AppSettings = Object.freeze({
  theme: 'dark',
  language: 'system',
  timeZone: 'local',
  signalingUrls: Object.freeze([]),
  iceServers: Object.freeze([]),
});

export type SettingKey = keyof AppSettings;

const SETTING_CHECKS: { readonly [K in SettingKey]: (value: unknown) => value is AppSettings[K] } = {
  theme: (value): value is Theme => (THEMES as readonly unknown[]).includes(value),
  language: (value): value is LanguageSetting => value === 'system' || isUiLanguage(value),
  timeZone: (value): value is TimeZoneSetting => (TIME_ZONE_SETTINGS as readonly unknown[]).includes(value),
  signalingUrls: (value): value is readonly string[] => signalingListProblem(value) === null,
  iceServers: (value): value is readonly IceServerSetting[] => iceServersProblem(value) === null,
};

/** The sentence that says why a value does not fit a setting, for the ones that can say more. */
const SETTING_PROBLEMS: { readonly [K in SettingKey]?: (value: unknown) => string | null } = {
  signalingUrls: signalingListProblem,
  iceServers: iceServersProblem,
};

export const SETTING_KEYS = Object.keys(SETTING_CHECKS) as SettingKey[];

export const PROFILE_KEY = 'profile';
/** Settings rows are prefixed so a future setting can never collide with the profile row. */
export function settingRowKey(key: SettingKey): string {
  return `setting:${key}`;
}

export function isSettingKey(key: unknown): key is SettingKey {
  return typeof key === 'string' && Object.hasOwn(SETTING_CHECKS, key);
}

export function checkSetting<K extends SettingKey>(key: K, value: unknown): AppSettings[K] {
  if (!isSettingKey(key)) throw new InvalidSettingError(`There is no setting called ${JSON.stringify(key)}.`);
  const check = SETTING_CHECKS[key] as (value: unknown) => value is AppSettings[K];
  if (!check(value)) {
    const problem = SETTING_PROBLEMS[key]?.(value);
    if (problem) throw new InvalidSettingError(problem);
    throw new InvalidSettingError(`${JSON.stringify(value)} is not a valid value for the setting "${key}".`);
  }
  return value;
}

/** A stored value that no longer fits (written by another version) reads as the default. */
export function storedSetting<K extends SettingKey>(key: K, value: unknown): AppSettings[K] {
  const check = SETTING_CHECKS[key] as (value: unknown) => value is AppSettings[K];
  return check(value) ? value : DEFAULT_SETTINGS[key];
}

export const DISPLAY_NAME_MAX = 60;

export function checkDisplayName(displayName: unknown): string {
  if (typeof displayName !== 'string') throw new InvalidProfileError(text()('profile.invalid.notText', { ns: 'app' }));
  // Without bidirectional controls, which could make the name reorder the text around it (see names.ts).
  const trimmed = cleanName(displayName);
  if (trimmed === '') throw new InvalidProfileError(text()('profile.invalid.empty', { ns: 'app' }));
  const length = [...trimmed].length;
  if (length > DISPLAY_NAME_MAX) {
    throw new InvalidProfileError(text()('profile.invalid.tooLong', { ns: 'app', max: DISPLAY_NAME_MAX, length }));
  }
  if (/\p{Cc}/u.test(trimmed)) {
    throw new InvalidProfileError(text()('profile.invalid.control', { ns: 'app' }));
  }
  return trimmed;
}

export function storedProfile(value: unknown): Profile | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, displayName } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || typeof displayName !== 'string' || cleanName(displayName) === '') return null;
  return Object.freeze({ id, displayName: cleanName(displayName) });
}

/** 128 random bits as hex: unique per install without any coordination. */
export function newProfileId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The profile and settings rows of the library's key-value table. */
export class Preferences {
  constructor(
    private readonly db: SitrepDatabase,
    private readonly ensureOpen: () => void,
  ) {}

  async getProfile(): Promise<Profile | null> {
    this.ensureOpen();
    const row = await this.db.settings.get(PROFILE_KEY);
    return storedProfile(row?.value);
  }

  /** Saves the display name (trimmed, 1 to 60 characters); the profile id is made once and kept. */
  async saveProfile(displayName: string): Promise<Profile> {
    this.ensureOpen();
    const name = checkDisplayName(displayName);
    return this.db.transaction('rw', this.db.settings, async () => {
      const row = await this.db.settings.get(PROFILE_KEY);
      const stored = row?.value as { id?: unknown } | undefined;
      const id = typeof stored?.id === 'string' && stored.id !== '' ? stored.id : newProfileId();
      const profile: Profile = Object.freeze({ id, displayName: name });
      await this.db.settings.put({ key: PROFILE_KEY, value: { id, displayName: name } });
      return profile;
    });
  }

  async getSetting<K extends SettingKey>(key: K): Promise<AppSettings[K]> {
    this.ensureOpen();
    checkSetting(key, DEFAULT_SETTINGS[key]);
    const row = await this.db.settings.get(settingRowKey(key));
    return row ? storedSetting(key, row.value) : DEFAULT_SETTINGS[key];
  }

  async getSettings(): Promise<AppSettings> {
    this.ensureOpen();
    const rows = await this.db.settings.bulkGet(SETTING_KEYS.map(settingRowKey));
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    SETTING_KEYS.forEach((key, index) => {
      const row = rows[index];
      if (row) settings[key] = storedSetting(key, row.value);
    });
    return Object.freeze(settings as unknown as AppSettings);
  }

  async setSetting<K extends SettingKey>(key: K, value: AppSettings[K]): Promise<void> {
    this.ensureOpen();
    const checked = checkSetting(key, value);
    await this.db.settings.put({ key: settingRowKey(key), value: checked });
  }
}
