// This laptop's choices per room (its hosting switch, the title announced), kept in a small JSON
// file beside the LAN settings so they hold across restarts. Read as untrusted: anything
// malformed is skipped with a warning. Only rooms that differ from the defaults are stored.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HOSTING_CHOICES, type HostingChoice } from '../../shared/ipc';
import { ROOM_ID_PATTERN } from './mdns';
import type { LanLog } from './settings';

export const ROOM_HOSTING_FILE_NAME = 'lan-rooms.json';
/** More rooms than one laptop ever hosts; beyond it the oldest choices are forgotten (back to defaults). */
export const MAX_REMEMBERED_ROOMS = 256;

export interface RoomHostingChoice {
  /** The hosting switch: 'role' (the IC and the deputy host), 'on' or 'off'. */
  readonly hosting: HostingChoice;
  /** Announce the incident's title and the host's name nearby; off unless turned on. */
  readonly announceTitle: boolean;
}

export const DEFAULT_ROOM_HOSTING: RoomHostingChoice = Object.freeze({ hosting: 'role', announceTitle: false });

export type RoomHostingChoices = ReadonlyMap<string, RoomHostingChoice>;

export async function loadRoomHosting(path: string, log: LanLog): Promise<Map<string, RoomHostingChoice>> {
  const choices = new Map<string, RoomHostingChoice>();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log('warn', `LAN room choices: could not read ${path} (${describe(error)}); every room uses the defaults.`);
    }
    return choices;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    log('warn', `LAN room choices: ${path} is not valid JSON; every room uses the defaults.`);
    return choices;
  }
  const rooms = isRecord(value) && isRecord(value.rooms) ? value.rooms : null;
  if (rooms === null) {
    log('warn', `LAN room choices: ${path} has no rooms object; every room uses the defaults.`);
    return choices;
  }
  let skipped = 0;
  for (const [roomId, stored] of Object.entries(rooms).slice(-MAX_REMEMBERED_ROOMS)) {
    const hosting = isRecord(stored) ? storedChoice(stored.hosting) : null;
    if (!ROOM_ID_PATTERN.test(roomId) || !isRecord(stored) || hosting === null || typeof stored.announceTitle !== 'boolean') {
      skipped++;
      continue;
    }
    choices.set(roomId, { hosting, announceTitle: stored.announceTitle });
  }
  if (skipped > 0) log('warn', `LAN room choices: skipped ${skipped} malformed entr${skipped === 1 ? 'y' : 'ies'} in ${path}.`);
  return choices;
}

/** Writes to a temporary file first, so a crash mid-write never leaves a half-written file. */
export async function saveRoomHosting(path: string, choices: RoomHostingChoices): Promise<void> {
  const rooms: Record<string, RoomHostingChoice> = {};
  for (const [roomId, choice] of choices) {
    if (choice.hosting !== DEFAULT_ROOM_HOSTING.hosting || choice.announceTitle !== DEFAULT_ROOM_HOSTING.announceTitle) {
      rooms[roomId] = { hosting: choice.hosting, announceTitle: choice.announceTitle };
    }
  }
  const temporary = `${path}.${process.pid}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(temporary, `${JSON.stringify({ rooms }, null, 2)}\n`, 'utf8');
  await rename(temporary, path);
}

/** Records a choice as the newest, forgetting the oldest beyond MAX_REMEMBERED_ROOMS. */
export function rememberChoice(choices: Map<string, RoomHostingChoice>, roomId: string, choice: RoomHostingChoice): void {
  choices.delete(roomId);
  choices.set(roomId, choice);
  while (choices.size > MAX_REMEMBERED_ROOMS) {
    const oldest = choices.keys().next().value as string;
    choices.delete(oldest);
  }
}

/**
 * Files written before hosting by role held true (the default then: host) or false (the
 * commander stopped it); true now means following the role, which hosts the commander's room.
 */
function storedChoice(value: unknown): HostingChoice | null {
  if (value === true) return 'role';
  if (value === false) return 'off';
  return typeof value === 'string' && (HOSTING_CHOICES as readonly string[]).includes(value) ? (value as HostingChoice) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
