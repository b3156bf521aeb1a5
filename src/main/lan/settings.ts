// The LAN host's own settings (signaling port, discovery on/off), kept in a small JSON file in the
// userData folder. The file is read as untrusted: anything wrong in it falls back to the defaults.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LanSettings } from '../../shared/ipc';

export const LAN_SETTINGS_FILE_NAME = 'lan-settings.json';
export const DEFAULT_SIGNALING_PORT = 4444;
/** Ports below 1024 need administrator rights on macOS and Linux. */
export const MIN_SIGNALING_PORT = 1024;
export const MAX_SIGNALING_PORT = 65_535;

export const DEFAULT_LAN_SETTINGS: LanSettings = Object.freeze({
  signalingPort: DEFAULT_SIGNALING_PORT,
  discoveryEnabled: true,
});

export type LanLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Why a value cannot be the signaling port, as a sentence, or null when it can. */
export function signalingPortProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `The signaling port must be a whole number, not ${JSON.stringify(value) ?? String(value)}.`;
  }
  if (value < MIN_SIGNALING_PORT || value > MAX_SIGNALING_PORT) {
    return `The signaling port must be from ${MIN_SIGNALING_PORT} to ${MAX_SIGNALING_PORT}, not ${value}.`;
  }
  return null;
}

/**
 * Reads the settings file. A missing file is the normal first run; an unreadable, corrupt or
 * partly wrong one logs a warning and falls back to the defaults for what is wrong, never throws.
 */
export async function loadLanSettings(path: string, log: LanLog): Promise<LanSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log('warn', `LAN settings: could not read ${path} (${describe(error)}); using the defaults.`);
    }
    return { ...DEFAULT_LAN_SETTINGS };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    log('warn', `LAN settings: ${path} is not valid JSON; using the defaults.`);
    return { ...DEFAULT_LAN_SETTINGS };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    log('warn', `LAN settings: ${path} does not hold an object; using the defaults.`);
    return { ...DEFAULT_LAN_SETTINGS };
  }
  const stored = value as Record<string, unknown>;
  const settings = { ...DEFAULT_LAN_SETTINGS };
  if (Object.hasOwn(stored, 'signalingPort')) {
    const problem = signalingPortProblem(stored.signalingPort);
    if (problem === null) settings.signalingPort = stored.signalingPort as number;
    else log('warn', `LAN settings: ${problem} Using ${DEFAULT_SIGNALING_PORT}.`);
  }
  if (Object.hasOwn(stored, 'discoveryEnabled')) {
    if (typeof stored.discoveryEnabled === 'boolean') settings.discoveryEnabled = stored.discoveryEnabled;
    else log('warn', `LAN settings: discoveryEnabled must be true or false; using ${String(DEFAULT_LAN_SETTINGS.discoveryEnabled)}.`);
  }
  return settings;
}

/** Writes to a temporary file first, so a crash mid-write never leaves a half-written file behind. */
export async function saveLanSettings(path: string, settings: LanSettings): Promise<void> {
  const text = `${JSON.stringify({ signalingPort: settings.signalingPort, discoveryEnabled: settings.discoveryEnabled }, null, 2)}\n`;
  const temporary = `${path}.${process.pid}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
