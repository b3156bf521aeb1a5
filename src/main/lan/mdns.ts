// How hosted rooms are announced with mDNS (DNS-SD service type `sitrep`) and how announcements
// heard from the network are read back. Everything heard is untrusted: any host on the network can
// announce anything, so each field is checked and a malformed announcement is dropped.
import { isIP } from 'node:net';
import type { HostRoomRequest, NearbyRoom } from '../../shared/ipc';

export const SITREP_SERVICE_TYPE = 'sitrep';
/**
 * Bumped when the TXT layout or the way rooms are joined changes incompatibly. 2: the title and
 * host name are announced only when the commander turns that on for the room, and the signaling
 * topic is derived from the room secret (version 1 apps cannot join these rooms anyway).
 */
export const LAN_PROTOCOL_VERSION = '2';
export const ROOM_ID_PATTERN = /^[0-9a-f]{32}$/;
/** A DNS-SD TXT string holds at most 255 bytes, key and "=" included; these leave room for both. */
export const MAX_TITLE_BYTES = 200;
export const MAX_HOST_NAME_BYTES = 100;
/** A join code carries at most 8 signaling addresses. */
export const MAX_NEARBY_SIGNALING_URLS = 8;

/** The subset of bonjour-service the LAN host uses, so tests can hand it a fake. */
export interface MdnsResponder {
  publish(service: MdnsServiceAnnouncement): MdnsPublication;
  /** Starts browsing for a service type; the browser collects what it hears until stopped. */
  find(type: string): MdnsBrowser;
  /** Sends goodbye packets for everything published. */
  unpublishAll(): Promise<void>;
  destroy(): Promise<void>;
}

export interface MdnsServiceAnnouncement {
  readonly name: string;
  readonly type: string;
  readonly port: number;
  readonly txt: Readonly<Record<string, string>>;
}

export interface MdnsPublication {
  /** Sends a goodbye packet and stops announcing. */
  stop(): Promise<void>;
}

export interface MdnsBrowser {
  /** What has been heard so far, exactly as the network said it. */
  readonly services: readonly unknown[];
  /** Asks the network again (mDNS is lossy; a second query catches a dropped answer). */
  update(): void;
  stop(): void;
}

/** The TXT keys; short, because every byte of a TXT record is multicast to the whole network. */
const TXT = { version: 'v', roomId: 'room', title: 'title', hostName: 'host', port: 'port' } as const;

/** One service per room, named after the room so two rooms never collide on the network. */
export function serviceNameFor(roomId: string): string {
  return `sitrep-${roomId}`;
}

/**
 * What is multicast for a hosted room. By default only what a joiner needs to reach it (the room
 * id and the port): nothing that names the incident or the person hosting it, which anyone on the
 * network can read. The title and host name go out only when the commander turns that on.
 */
export function announcementFor(room: HostRoomRequest, signalingPort: number, withTitle = false): MdnsServiceAnnouncement {
  // Never the room secret.
  const txt: Record<string, string> = { [TXT.version]: LAN_PROTOCOL_VERSION, [TXT.roomId]: room.roomId };
  if (withTitle) {
    txt[TXT.title] = truncateUtf8(singleLine(room.title), MAX_TITLE_BYTES);
    txt[TXT.hostName] = truncateUtf8(singleLine(room.hostName), MAX_HOST_NAME_BYTES);
  }
  txt[TXT.port] = String(signalingPort);
  return { name: serviceNameFor(room.roomId), type: SITREP_SERVICE_TYPE, port: signalingPort, txt };
}

/** What a joiner sees for a room announced without its title: neither names anything. */
export function untitledRoomName(roomId: string): string {
  return `Unnamed room ${roomId.slice(0, 6)}`;
}

export type HeardAnnouncement = { readonly ok: true; readonly room: NearbyRoom } | { readonly ok: false; readonly problem: string };

/** Reads one service as bonjour-service's browser reports it. */
export function readAnnouncement(service: unknown, seenAt: number): HeardAnnouncement {
  if (!isRecord(service)) return dropped('not an object');
  const txt = service.txt;
  if (!isRecord(txt)) return dropped('no TXT record');
  const version = ownString(txt, TXT.version);
  if (version !== LAN_PROTOCOL_VERSION) return dropped(`protocol version ${JSON.stringify(version)} is not ${LAN_PROTOCOL_VERSION}`);
  const roomId = ownString(txt, TXT.roomId);
  if (roomId === undefined || !ROOM_ID_PATTERN.test(roomId)) return dropped('room id is not 32 hex characters');
  // The title and host name are there only when the host chose to announce them; bonjour-service
  // decodes an empty value as undefined, read the same as a missing one.
  const announcedTitle = ownString(txt, TXT.title) ?? '';
  const announcedHost = ownString(txt, TXT.hostName) ?? '';
  if (Object.hasOwn(txt, TXT.title) && txt[TXT.title] !== undefined && typeof txt[TXT.title] !== 'string') {
    return dropped('title is not text');
  }
  if (Object.hasOwn(txt, TXT.hostName) && txt[TXT.hostName] !== undefined && typeof txt[TXT.hostName] !== 'string') {
    return dropped('host is not text');
  }
  const title = announcedTitle;
  const hostName = announcedHost;
  if (utf8Bytes(title) > MAX_TITLE_BYTES) return dropped('title too long');
  if (utf8Bytes(hostName) > MAX_HOST_NAME_BYTES) return dropped('host name too long');
  if (hasControlCharacters(title) || hasControlCharacters(hostName)) return dropped('control characters in title or host');
  const port = service.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) return dropped('no valid port');
  if (ownString(txt, TXT.port) !== String(port)) return dropped('TXT port does not match the service port');
  const signalingUrls = signalingUrlsFrom(service, port);
  if (signalingUrls.length === 0) return dropped('no usable address');
  // Unannounced: a neutral name, and the address it was heard from (which the network knows anyway).
  return {
    ok: true,
    room: {
      roomId,
      title: title === '' ? untitledRoomName(roomId) : title,
      hostName: hostName === '' ? new URL(signalingUrls[0] as string).hostname : hostName,
      signalingUrls,
      seenAt,
    },
  };
}

/**
 * The address the announcement came from first (it is known to reach us), then the announced
 * IPv4 addresses. IPv6 is left out: the signaling server listens on IPv4 only.
 */
function signalingUrlsFrom(service: Record<string, unknown>, port: number): string[] {
  const candidates: unknown[] = [];
  if (isRecord(service.referer)) candidates.push(service.referer.address);
  if (Array.isArray(service.addresses)) candidates.push(...service.addresses.slice(0, 32));
  const addresses = new Set<string>();
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && isIP(candidate) === 4) addresses.add(candidate);
  }
  return [...addresses].slice(0, MAX_NEARBY_SIGNALING_URLS).map((address) => `ws://${address}:${port}`);
}

/** Several announcements of one room (from several interfaces) become one entry with every address. */
export function mergeNearbyRooms(rooms: readonly NearbyRoom[]): NearbyRoom[] {
  const byRoom = new Map<string, NearbyRoom>();
  for (const room of rooms) {
    const known = byRoom.get(room.roomId);
    if (known === undefined) {
      byRoom.set(room.roomId, { ...room, signalingUrls: [...room.signalingUrls] });
      continue;
    }
    const urls = [...new Set([...known.signalingUrls, ...room.signalingUrls])].slice(0, MAX_NEARBY_SIGNALING_URLS);
    byRoom.set(room.roomId, { ...known, signalingUrls: urls, seenAt: Math.max(known.seenAt, room.seenAt) });
  }
  return [...byRoom.values()];
}

function ownString(record: Record<string, unknown>, key: string): string | undefined {
  if (!Object.hasOwn(record, key)) return undefined;
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dropped(problem: string): HeardAnnouncement {
  return { ok: false, problem };
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function hasControlCharacters(text: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(text);
}

/** TXT values cannot hold line breaks usefully, and the reader refuses control characters. */
function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Cuts at a character boundary so the result is valid UTF-8 of at most `maxBytes` bytes. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let result = '';
  let bytes = 0;
  for (const character of text) {
    const size = utf8Bytes(character);
    if (bytes + size > maxBytes - 3) break; // room for the ellipsis (3 bytes)
    result += character;
    bytes += size;
  }
  return `${result}…`;
}
