// A second implementation of the room protocol, written from docs/protocol.md alone: it imports
// nothing from src/. Given a join code, it checks the code's tag, derives the room's topic and
// sealing key, speaks the signaling protocol over `ws`, answers a peer's WebRTC offer with
// @roamhq/wrtc directly (no simple-peer), and reads the incident document through y-protocols
// sync. If Sitrep's wire drifts from the document, the test using this fails.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface DecodedCode {
  readonly roomId: string;
  readonly secret: string;
  readonly signaling: readonly string[];
}

/** Section 1 of docs/protocol.md. Throws when the code is not a valid version 2 code. */
export function decodeCode(text: string): DecodedCode {
  const compact = text.replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/^sitrep:\/\/join\//i, '');
  const match = /^SITREP2-(.+)$/i.exec(compact);
  if (!match) throw new Error('not a SITREP2 code');
  let bits = '';
  for (const ch of match[1]!.replace(/-/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0')) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new Error(`bad character ${ch}`);
    bits += value.toString(2).padStart(5, '0');
  }
  if (bits.length % 40 !== 0) throw new Error('not a whole number of 5-byte groups');
  const bytes = Buffer.alloc(bits.length / 8);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const signed = bytes.subarray(0, bytes.length - 10);
  const secret = bytes.subarray(16, 32);
  const tag = createHmac('sha256', secret).update('sitrep join code v2').update(Buffer.of(0)).update(signed).digest().subarray(0, 10);
  if (!timingSafeEqual(tag, bytes.subarray(bytes.length - 10))) throw new Error('the tag does not check out');
  const count = signed[32]!;
  const signaling: string[] = [];
  let offset = 33;
  for (let i = 0; i < count; i++) {
    const length = signed[offset]!;
    signaling.push(signed.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += 1 + length;
  }
  return { roomId: bytes.subarray(0, 16).toString('hex'), secret: secret.toString('hex'), signaling };
}

const base64url = (bytes: Buffer): string => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Section 2. */
export function roomKeys(roomId: string, secret: string): { topic: string; sealKey: Buffer } {
  const master = pbkdf2Sync(Buffer.from(secret, 'utf8'), Buffer.from(`sitrep-room-v1:${roomId}`, 'utf8'), 100_000, 32, 'sha256');
  const topicKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'sitrep signaling topic v1', 32));
  const sealKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'sitrep signaling seal v1', 32));
  return { topic: `sitrep1.${base64url(createHmac('sha256', topicKey).update(roomId, 'utf8').digest())}`, sealKey };
}

/** Section 4: the sealed message, standard base64. */
function seal(fields: Record<string, unknown>, key: Buffer): string {
  const plain = encoding.createEncoder();
  encoding.writeAny(plain, { ...fields, sentAt: Date.now(), nonce: base64url(randomBytes(16)) } as encoding.AnyEncodable);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(encoding.toUint8Array(plain)), cipher.final(), cipher.getAuthTag()]);
  const sealed = encoding.createEncoder();
  encoding.writeVarString(sealed, 'sitrep-signal-v1');
  encoding.writeVarUint8Array(sealed, iv);
  encoding.writeVarUint8Array(sealed, body);
  return Buffer.from(encoding.toUint8Array(sealed)).toString('base64');
}

function open(data: string, key: Buffer): Record<string, unknown> | null {
  try {
    const decoder = decoding.createDecoder(Buffer.from(data, 'base64'));
    if (decoding.readVarString(decoder) !== 'sitrep-signal-v1') return null;
    const iv = decoding.readVarUint8Array(decoder);
    const body = Buffer.from(decoding.readVarUint8Array(decoder));
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(body.subarray(body.length - 16));
    const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
    return decoding.readAny(decoding.createDecoder(plain)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Joins the room of a code as a peer that never offers (its peer id is the smallest there is, so
 * every Sitrep peer offers to it, section 4) and keeps the incident document in `doc`.
 */
export class ProtocolReader {
  readonly doc = new Y.Doc();
  readonly peerId = '00000000-0000-0000-0000-000000000000';
  readonly connections = new Map<string, RTCPeerConnection>();
  readonly log: string[] = [];
  private readonly socket: WebSocket;
  private readonly keys: { topic: string; sealKey: Buffer };
  private readonly session = Date.now();
  private chunks: Buffer[] = [];

  constructor(code: string, signalingUrl?: string) {
    const room = decodeCode(code);
    this.keys = roomKeys(room.roomId, room.secret);
    this.socket = new WebSocket(signalingUrl ?? room.signaling[0]!);
    this.socket.on('open', () => {
      this.socket.send(JSON.stringify({ type: 'subscribe', topics: [this.keys.topic] }));
      this.publish({ type: 'announce' });
    });
    this.socket.on('message', (data) => this.onSignaling(String(data)));
    this.socket.on('error', (error) => this.log.push(`socket: ${error.message}`));
  }

  close(): void {
    for (const connection of this.connections.values()) connection.close();
    this.socket.close();
    this.doc.destroy();
  }

  private publish(fields: Record<string, unknown>): void {
    const signed = { ...fields, from: this.peerId, client: this.doc.clientID, session: this.session };
    this.socket.send(JSON.stringify({ type: 'publish', topic: this.keys.topic, data: seal(signed, this.keys.sealKey) }));
  }

  private onSignaling(text: string): void {
    const frame = JSON.parse(text) as Record<string, unknown>;
    if (frame.type !== 'publish' || frame.topic !== this.keys.topic || typeof frame.data !== 'string') return;
    const message = open(frame.data, this.keys.sealKey);
    if (!message || message.from === this.peerId || (message.to !== undefined && message.to !== this.peerId)) return;
    const from = String(message.from);
    if (message.type === 'announce' && !this.connections.has(from)) this.publish({ type: 'announce', to: from });
    if (message.type !== 'signal') return;
    const signal = message.signal as { type: string; sdp?: string; candidate?: RTCIceCandidateInit };
    if (signal.type === 'offer') this.answer(from, signal.sdp ?? '').catch((error: Error) => this.log.push(`answer: ${error.message}`));
    else if (signal.type === 'candidate' && signal.candidate) {
      this.connections
        .get(from)
        ?.addIceCandidate(signal.candidate)
        .catch((error: Error) => this.log.push(`candidate: ${error.message}`));
    }
  }

  private async answer(from: string, sdp: string): Promise<void> {
    const connection: RTCPeerConnection = new wrtc.RTCPeerConnection({ iceServers: [] });
    this.connections.set(from, connection);
    connection.onicecandidate = ({ candidate }) => {
      if (candidate) {
        this.publish({
          type: 'signal',
          to: from,
          signal: {
            type: 'candidate',
            candidate: { candidate: candidate.candidate, sdpMLineIndex: candidate.sdpMLineIndex, sdpMid: candidate.sdpMid },
          },
        });
      }
    };
    connection.ondatachannel = ({ channel }) => {
      channel.binaryType = 'arraybuffer';
      const sendSync = () => {
        const step1 = encoding.createEncoder();
        encoding.writeVarUint(step1, 0);
        syncProtocol.writeSyncStep1(step1, this.doc);
        channel.send(encoding.toUint8Array(step1));
      };
      if (channel.readyState === 'open') sendSync();
      else channel.onopen = sendSync;
      channel.onmessage = ({ data }) => this.receive(new Uint8Array(data as ArrayBuffer), (reply) => channel.send(new Uint8Array(reply)));
    };
    await connection.setRemoteDescription({ type: 'offer', sdp });
    const answer = await connection.createAnswer();
    await connection.setLocalDescription(answer);
    this.publish({ type: 'signal', to: from, signal: { type: 'answer', sdp: answer.sdp } });
  }

  /** Section 5. */
  private receive(bytes: Uint8Array, send: (reply: Uint8Array) => void): void {
    if (bytes[0] === 0x7f) {
      const view = Buffer.from(bytes);
      this.chunks.push(view.subarray(17));
      if (view.readUInt32BE(5) + 1 < view.readUInt32BE(9)) return;
      const whole = Buffer.concat(this.chunks);
      this.chunks = [];
      this.receive(whole, send);
      return;
    }
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== 0) return; // awareness and app messages are not needed to read
    const kind = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (kind === 0) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, 0);
      syncProtocol.writeSyncStep2(reply, this.doc, payload);
      send(encoding.toUint8Array(reply));
    } else Y.applyUpdate(this.doc, payload, 'peer');
  }

  /** Section 6, for what the test reads: the incident's title and the timeline texts in order. */
  incident(): { title: string; timeline: string[] } {
    const title = String(this.doc.getMap('incident').get('title') ?? '');
    const entries = [...this.doc.getMap<Y.Map<unknown>>('timeline').entries()].map(([id, entry]) => ({
      id,
      at: Number(entry.get('at')),
      seq: Number(entry.get('seq')),
      text: String(entry.get('text')),
    }));
    entries.sort((a, b) => a.at - b.at || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { title, timeline: entries.map((entry) => entry.text) };
  }
}
