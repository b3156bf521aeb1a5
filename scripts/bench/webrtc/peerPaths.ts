// The two ways a peer makes an edit and sees the others': raw y-webrtc on a bare Y.Doc (the
// baseline), and Sitrep's (the real command on an incident document, carried by the app's room
// manager, seen through the store the renderer subscribes to).
import wrtc from '@roamhq/wrtc';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { declareIncident, recordEntry, type Actor } from '../../../src/core/commands';
import { readIncidentInfo } from '../../../src/core/read';
import { createIncidentStore } from '../../../src/core/store';
import { RoomManager } from '../../../src/renderer/sync/rooms/roomManager';
import type { PeerStart } from './protocol';

export interface PeerPath {
  /** Makes edit number `seq`. */
  edit(seq: number): void;
  /** Other peers connected over WebRTC and synced. */
  syncedPeers(): number;
  /** Whether this peer holds what the edits need (the declared incident for Sitrep). */
  ready(): boolean;
  /** Leaves and rejoins the room, which announces this peer to the others again. */
  rejoin(): void;
  destroy(): void;
}

const EDIT_TEXT = /^bench edit (\d+)$/;

/** How y-webrtc reaches the other peers here: our signaling server, no STUN/TURN, Node's WebRTC. */
function providerOptions(start: PeerStart) {
  return { signaling: [start.signaling], peerOpts: { wrtc, config: { iceServers: [] } } };
}

/**
 * Open WebRTC connections. Not `conn.synced`: y-webrtc sets it only for connections made
 * before the room first synced, so a peer joining later never reads as synced with the others.
 * The warm-up edits (and, for Sitrep, the declared incident arriving) cover the initial sync.
 */
function syncedConnections(provider: WebrtcProvider): number {
  let count = 0;
  for (const conn of provider.room?.webrtcConns.values() ?? []) if (conn.connected) count += 1;
  return count;
}

function rejoin(provider: WebrtcProvider): void {
  provider.disconnect();
  provider.connect();
}

export function rawPath(start: PeerStart, onSeen: (seq: number) => void): PeerPath {
  const doc = new Y.Doc();
  const edits = doc.getMap<number>('edits');
  edits.observe((event, transaction) => {
    if (transaction.local) return;
    for (const key of event.keysChanged) onSeen(Number(key));
  });
  const provider = new WebrtcProvider(start.room, doc, providerOptions(start));
  return {
    edit: (seq) => edits.set(String(seq), seq),
    syncedPeers: () => syncedConnections(provider),
    ready: () => true,
    rejoin: () => rejoin(provider),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function sitrepPath(start: PeerStart, onSeen: (seq: number) => void): PeerPath {
  const doc = new Y.Doc();
  const me: Actor = { id: `bench-peer-${start.index}`, name: `Responder ${start.index + 1}` };
  // The incident commander declares; the others join with an empty document, as from a join code.
  if (start.index === 0) declareIncident(doc, { title: 'WebRTC bench', severity: 'SEV1', id: start.incidentId }, me);
  // What the renderer shows comes from this store (useCollection subscribes to it).
  const store = createIncidentStore(doc);
  const seen = new Set<string>();
  store.subscribe('timeline', () => {
    for (const entry of store.get('timeline')) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      const match = EDIT_TEXT.exec(entry.text);
      if (match && entry.authorId !== me.id) onSeen(Number(match[1]));
    }
  });
  // Through the app's own room manager (Sitrep's room on simple-peer, signaling sealed with the
  // room secret, the peer guard, chunked large messages), joined only once the document is
  // loaded, as the app does.
  const rooms = new RoomManager({ peerOpts: { wrtc } });
  const room = rooms.open(doc, { roomId: start.room, secret: start.password, signaling: [start.signaling], iceServers: [] });
  return {
    edit: (seq) => {
      recordEntry(doc, { kind: 'note', text: `bench edit ${seq}` }, me);
    },
    syncedPeers: () => room.status().peers,
    ready: () => readIncidentInfo(doc) !== null,
    rejoin: () => room.reconnect(),
    destroy() {
      rooms.closeAll();
      store.destroy();
      doc.destroy();
    },
  };
}
