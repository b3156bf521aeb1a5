// The peer-to-peer room an incident syncs through, kept on this computer only: the room secret
// must never travel inside the incident document (it would end up in every export).
//
// At rest, in the desktop app, the secret is sealed with Electron's safeStorage (the system
// keyring: Keychain, DPAPI, libsecret or KWallet) through the platform's SecretSealer, and the
// row keeps only `sealedSecret`. Fallback, documented in docs/protocol.md: where there is no
// protected key (the browser build; Linux without a keyring, where safeStorage selects
// 'basic_text', a key compiled into Chromium), the secret stays in IndexedDB as it is, readable
// by anyone who can read this user's files; protection() says which applies. Rows written before
// sealing existed keep opening and are sealed the first time they are read.
import {
  canonicalSignalingAddress,
  compareWithStoredRoom,
  hasChanges,
  MAX_SIGNALING_ADDRESSES,
  sameChanges,
  signalingAddressProblem,
  type Invitation,
  type KnownRoomChanges,
} from '@core/joinCode';
import type { SitrepDatabase } from './database';
import { checkIncidentId } from './errors';

export interface StoredRoom {
  readonly roomId: string;
  readonly secret: string;
  /** Signaling addresses that came with the join code (or the host's own, for the IC). */
  readonly signaling: readonly string[];
  /** True when this computer opened the room (declared the incident) and hosts its signaling. */
  readonly hosted: boolean;
  /** The roster person this laptop is in the incident, once chosen (joiners only; see identity). */
  readonly personId?: string;
}

/** Seals room secrets with a key the system protects (the platform adapter's `secrets` in Electron). */
export interface SecretSealer {
  status(): Promise<{ protected: boolean; backend: string }>;
  seal(secret: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** How this computer keeps room secrets at rest. */
export type SecretProtection =
  | { readonly sealed: true; readonly backend: string }
  | { readonly sealed: false; readonly backend: string; readonly reason: string };

/** The sealed secret of a room cannot be opened now (keyring locked, or a row from another computer). */
export class RoomSecretUnavailableError extends Error {
  override readonly name = 'RoomSecretUnavailableError';

  /**
   * `key` names the sentence under room:secretAtRest for the UI's language (the English one is
   * `message`, for logs); `params` are its arguments.
   */
  constructor(
    readonly key: 'desktopOnly' | 'keyringClosed' | 'notASecret',
    message: string,
    readonly params: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const ROOM_ROW_PREFIX = 'room:';
const HEX_32 = /^[0-9a-f]{32}$/;
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function roomRowKey(incidentId: string): string {
  return ROOM_ROW_PREFIX + incidentId;
}

export function incidentIdOfRoomRow(key: string): string | null {
  return key.startsWith(ROOM_ROW_PREFIX) ? key.slice(ROOM_ROW_PREFIX.length) : null;
}

export { ROOM_ROW_PREFIX };

/** A room this computer already has, found by the room id of a join code. */
export interface KnownRoom {
  readonly incidentId: string;
  /** This computer opened the room: a code never changes it (the Invite dialog shows its own code). */
  readonly hosted: boolean;
  /** What accepting the code would change; nothing when hosted. */
  readonly changes: KnownRoomChanges;
}

/** Refused: a code would change a known room in ways the user has not confirmed. Nothing was written. */
export class UnconfirmedRoomChangeError extends Error {
  override readonly name = 'UnconfirmedRoomChangeError';
  constructor() {
    super('This join code would change a room this computer already knows, and that change was not confirmed; nothing was changed.');
  }
}

/** Validates a room before it is stored; throws with a sentence that says what is wrong. */
export function checkStoredRoom(room: StoredRoom): StoredRoom {
  if (!HEX_32.test(room.roomId)) throw new Error('A room id is 32 lowercase hexadecimal characters.');
  if (!HEX_32.test(room.secret)) throw new Error('A room secret is 32 lowercase hexadecimal characters.');
  if (room.signaling.length > MAX_SIGNALING_ADDRESSES) {
    throw new Error(`A room can list at most ${MAX_SIGNALING_ADDRESSES} signaling addresses.`);
  }
  for (const address of room.signaling) {
    const problem = signalingAddressProblem(address);
    if (problem) throw new Error(problem);
  }
  if (room.personId !== undefined && !PERSON_ID.test(room.personId)) throw new Error('A person id is 1 to 64 letters, digits, - or _.');
  const personId = room.personId === undefined ? {} : { personId: room.personId };
  return Object.freeze({
    roomId: room.roomId,
    secret: room.secret,
    signaling: Object.freeze([...room.signaling]),
    hosted: room.hosted,
    ...personId,
  });
}

/** A row's fields, with the secret either plain (`secret`) or sealed (`sealedSecret`). */
interface RoomRow {
  readonly roomId: string;
  readonly signaling: readonly string[];
  readonly hosted: boolean;
  readonly personId?: string;
  readonly secret?: string;
  readonly sealedSecret?: string;
}

const MAX_SEALED_LENGTH = 1024;

function roomRow(value: unknown): RoomRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const { roomId, secret, sealedSecret, signaling, hosted, personId } = value as Record<string, unknown>;
  if (typeof roomId !== 'string' || !HEX_32.test(roomId) || !Array.isArray(signaling)) return null;
  const plain = typeof secret === 'string' ? { secret } : {};
  const sealed =
    typeof sealedSecret === 'string' && sealedSecret.length > 0 && sealedSecret.length <= MAX_SEALED_LENGTH ? { sealedSecret } : {};
  if (!('secret' in plain) && !('sealedSecret' in sealed)) return null;
  // Addresses stored before they had to be canonical are read in their canonical form; one with
  // credentials, a path or a query is dropped (the room still opens with the others).
  const canonical = [
    ...new Set(
      signaling.flatMap((address) => (typeof address === 'string' ? [canonicalSignalingAddress(address)].filter((a) => a !== null) : [])),
    ),
  ].slice(0, MAX_SIGNALING_ADDRESSES);
  return {
    roomId,
    signaling: canonical,
    hosted: hosted === true,
    ...(typeof personId === 'string' ? { personId } : {}),
    ...plain,
    ...sealed,
  };
}

/** A stored row with a plain secret, read back defensively: anything that no longer fits reads as no room at all. */
export function storedRoom(value: unknown): StoredRoom | null {
  const row = roomRow(value);
  if (row === null || row.secret === undefined) return null;
  return fromRow(row, row.secret);
}

function fromRow(row: RoomRow, secret: string): StoredRoom | null {
  try {
    return checkStoredRoom({
      roomId: row.roomId,
      secret,
      signaling: row.signaling,
      hosted: row.hosted,
      ...(row.personId !== undefined ? { personId: row.personId } : {}),
    });
  } catch {
    // A damaged row is treated as "not in a room": the incident still opens, offline.
    return null;
  }
}

/** Each incident's room, in the library's key-value table (deleted with the incident). */
export class RoomCredentials {
  private protectionValue: Promise<SecretProtection> | null = null;

  constructor(
    private readonly db: SitrepDatabase,
    private readonly ensureOpen: () => void,
    /** Present in the desktop app; absent in the browser build and in tests of other stores. */
    private readonly sealer?: SecretSealer,
  ) {}

  /** Whether room secrets are sealed at rest on this computer, and if not, why (for the Invite dialog). */
  protection(): Promise<SecretProtection> {
    this.protectionValue ??= (async (): Promise<SecretProtection> => {
      if (!this.sealer) {
        return { sealed: false, backend: 'browser', reason: 'A web page has no access to the system keyring.' };
      }
      try {
        const status = await this.sealer.status();
        if (status.protected) return { sealed: true, backend: status.backend };
        return {
          sealed: false,
          backend: status.backend,
          reason:
            status.backend === 'basic_text'
              ? 'This computer has no keyring Sitrep can use (safeStorage backend basic_text).'
              : `The system offers no protected key (safeStorage backend ${status.backend}).`,
        };
      } catch (error) {
        // Asked again next time: a failed status call must not pin the answer.
        this.protectionValue = null;
        return {
          sealed: false,
          backend: 'unknown',
          reason: `The keyring could not be asked: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    })();
    return this.protectionValue;
  }

  /**
   * The peer-to-peer room this incident syncs through, or null when it has none. A plain secret
   * (a row from before sealing, or written while the keyring was unavailable) is sealed now.
   * Throws RoomSecretUnavailableError when a sealed secret cannot be opened.
   */
  async get(incidentId: string): Promise<StoredRoom | null> {
    this.ensureOpen();
    checkIncidentId(incidentId);
    const key = roomRowKey(incidentId);
    const row = roomRow((await this.db.settings.get(key))?.value);
    if (row === null) return null;
    if (row.sealedSecret !== undefined) return fromRow(row, await this.openSealed(row.sealedSecret));
    const room = row.secret === undefined ? null : fromRow(row, row.secret);
    if (room !== null) await this.sealInPlace(key, room);
    return room;
  }

  async save(incidentId: string, room: StoredRoom): Promise<void> {
    this.ensureOpen();
    checkIncidentId(incidentId);
    const checked = checkStoredRoom(room);
    const sealed = await this.trySeal(checked.secret);
    await this.db.settings.put({ key: roomRowKey(incidentId), value: rowValue(checked, sealed) });
  }

  private async openSealed(sealed: string): Promise<string> {
    if (!this.sealer) {
      throw new RoomSecretUnavailableError(
        'desktopOnly',
        "This incident's room secret is sealed with a desktop computer's keyring and cannot be read here; join its room again with a fresh code.",
      );
    }
    let secret: string;
    try {
      secret = await this.sealer.open(sealed);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new RoomSecretUnavailableError(
        'keyringClosed',
        `This incident's room secret is sealed with the system keyring, which cannot open it now (${why}). Unlock the keyring and open the incident again.`,
        { error: why },
        { cause: error },
      );
    }
    if (!HEX_32.test(secret))
      throw new RoomSecretUnavailableError(
        'notASecret',
        "This incident's sealed room secret opened to something that is not a room secret.",
      );
    return secret;
  }

  /** The sealed form of a secret, or null where secrets stay plain (see protection()). */
  private async trySeal(secret: string): Promise<string | null> {
    if (!this.sealer || !(await this.protection()).sealed) return null;
    try {
      return await this.sealer.seal(secret);
    } catch (error) {
      // Availability first: the room keeps working with the secret stored as before; the next
      // read seals it again. Said on the console, where the keyring's own errors go too.
      console.error('Sitrep: sealing a room secret failed; it is stored unsealed for now', error);
      return null;
    }
  }

  /** Seals a plain row once, unless it changed while the keyring was asked. */
  private async sealInPlace(key: string, room: StoredRoom): Promise<void> {
    const sealed = await this.trySeal(room.secret);
    if (sealed === null) return;
    await this.db.transaction('rw', this.db.settings, async () => {
      const value = (await this.db.settings.get(key))?.value;
      const now = roomRow(value);
      if (now?.secret !== room.secret || now.sealedSecret !== undefined) return;
      // Only the secret changes form: what else was written meanwhile (learned addresses) stays.
      const { secret: _plain, ...rest } = value as Record<string, unknown>;
      await this.db.settings.put({ key, value: { ...rest, sealedSecret: sealed } });
    });
  }

  /**
   * Keeps signaling addresses learned in the room (meeting points, see meetingPoints.ts): `merge`
   * gets the stored list and returns the new one. Only the list changes, in one transaction, so
   * the secret (sealed or not) and who this laptop is stay as they are, and no keyring is asked.
   * Returns the stored list (changed or not), or null when the incident has no room with that id.
   * Throws, storing nothing, when the merged list breaks the room's rules.
   */
  async learnAddresses(
    incidentId: string,
    roomId: string,
    merge: (stored: readonly string[]) => readonly string[],
  ): Promise<readonly string[] | null> {
    this.ensureOpen();
    checkIncidentId(incidentId);
    const key = roomRowKey(incidentId);
    return this.db.transaction('rw', this.db.settings, async () => {
      const value = (await this.db.settings.get(key))?.value;
      const row = roomRow(value);
      if (row === null || row.roomId !== roomId) return null;
      const merged = [...merge(row.signaling)];
      if (merged.length > MAX_SIGNALING_ADDRESSES)
        throw new Error(`A room can list at most ${MAX_SIGNALING_ADDRESSES} signaling addresses.`);
      for (const address of merged) {
        const problem = signalingAddressProblem(address);
        if (problem) throw new Error(problem);
      }
      if (merged.length === row.signaling.length && merged.every((address, i) => address === row.signaling[i])) return row.signaling;
      await this.db.settings.put({ key, value: { ...(value as Record<string, unknown>), signaling: merged } });
      return Object.freeze(merged);
    });
  }

  /** The room of this invitation if this computer already has it, with what accepting the code would change. */
  async knownRoom(invitation: Invitation): Promise<KnownRoom | null> {
    const incidentId = await this.findIncidentByRoom(invitation.roomId);
    if (incidentId === null) return null;
    const room = await this.get(incidentId);
    if (room === null) return null;
    const changes = room.hosted
      ? { secretChanged: false, addedAddresses: [], removedAddresses: [] }
      : compareWithStoredRoom(room, invitation);
    return { incidentId, hosted: room.hosted, changes };
  }

  /**
   * Takes a known room's secret and addresses from a join code, but only the changes the user
   * confirmed (`confirmed` is what knownRoom showed them): a code built from the public room id
   * must never rewrite where this computer looks for its peers unasked. A hosted room is never
   * changed by a code. Throws UnconfirmedRoomChangeError, writing nothing, when the changes differ.
   */
  async adopt(incidentId: string, invitation: Invitation, confirmed: KnownRoomChanges | null): Promise<void> {
    const room = await this.get(incidentId);
    if (room === null || room.roomId !== invitation.roomId || room.hosted) return;
    const changes = compareWithStoredRoom(room, invitation);
    if (!hasChanges(changes)) return;
    if (confirmed === null || !sameChanges(changes, confirmed)) throw new UnconfirmedRoomChangeError();
    await this.save(incidentId, { ...room, secret: invitation.secret, signaling: invitation.signaling });
  }

  /** The local incident already joined to this room, so joining twice reopens it. */
  async findIncidentByRoom(roomId: string): Promise<string | null> {
    this.ensureOpen();
    const rows = await this.db.settings.where('key').startsWith(ROOM_ROW_PREFIX).toArray();
    for (const row of rows) {
      // The room id alone: no keyring is asked to find a room.
      const room = roomRow(row.value);
      const incidentId = incidentIdOfRoomRow(row.key);
      if (room?.roomId === roomId && incidentId && (await this.db.incidents.get(incidentId))) return incidentId;
    }
    return null;
  }
}

/** What goes into IndexedDB: the secret sealed when it can be, plain otherwise, never both. */
function rowValue(room: StoredRoom, sealedSecret: string | null): Record<string, unknown> {
  const { secret, ...rest } = room;
  return sealedSecret === null
    ? { ...rest, secret, signaling: [...room.signaling] }
    : { ...rest, sealedSecret, signaling: [...room.signaling] };
}
