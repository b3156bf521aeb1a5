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
import { monotonicMs, type EditPhases, type PeerStart } from './protocol';

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

/** Where an edit's time goes at this peer, reported only when asked for (SITREP_BENCH_WEBRTC_PHASES). */
export type OnPhases = (seq: number, phases: EditPhases) => void;

/**
 * Stamps the moments of EditPhases on a document. Registered before the network's own update
 * listener, so `update` is taken before the update is sent.
 */
function phaseClock(doc: Y.Doc, onPhases: OnPhases | null) {
  let update = 0;
  let broadcast = 0;
  let applying = 0;
  const stampBroadcast = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.local) broadcast = monotonicMs();
  };
  if (onPhases) {
    doc.on('update', (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (transaction.local) update = monotonicMs();
    });
    doc.on('beforeTransaction', (transaction: Y.Transaction) => {
      if (!transaction.local) applying = monotonicMs();
    });
  }
  return {
    /**
     * Once the network listens to the document (again, after a rejoin): listeners run in the order
     * they were added, so this one, moved last, stamps the end of the network's.
     */
    networkAttached(): void {
      if (!onPhases) return;
      doc.off('update', stampBroadcast);
      doc.on('update', stampBroadcast);
    },
    /** After the writer's command returned. */
    wrote(seq: number): void {
      onPhases?.(seq, { role: 'writer', update, broadcast, sent: monotonicMs() });
    },
    /** The view the UI reads changed for this edit, within the remote transaction. */
    notified(seq: number, at: number): void {
      onPhases?.(seq, { role: 'receiver', applying, notified: at });
    },
  };
}

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

export function rawPath(start: PeerStart, onSeen: (seq: number) => void, onPhases: OnPhases | null = null): PeerPath {
  const doc = new Y.Doc();
  const phases = phaseClock(doc, onPhases);
  const edits = doc.getMap<number>('edits');
  edits.observe((event, transaction) => {
    if (transaction.local) return;
    const at = onPhases ? monotonicMs() : 0;
    for (const key of event.keysChanged) {
      onSeen(Number(key));
      phases.notified(Number(key), at);
    }
  });
  const provider = new WebrtcProvider(start.room, doc, providerOptions(start));
  // y-webrtc adds its update listener once its room key is derived (then-callbacks run in order).
  const attach = () => void provider.key.then(() => phases.networkAttached());
  attach();
  return {
    edit: (seq) => {
      edits.set(String(seq), seq);
      phases.wrote(seq);
    },
    syncedPeers: () => syncedConnections(provider),
    ready: () => true,
    rejoin: () => {
      rejoin(provider);
      attach();
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function sitrepPath(start: PeerStart, onSeen: (seq: number) => void, onPhases: OnPhases | null = null): PeerPath {
  const doc = new Y.Doc();
  const phases = phaseClock(doc, onPhases);
  const me: Actor = { id: `bench-peer-${start.index}`, name: `Responder ${start.index + 1}` };
  // The incident commander declares; the others join with an empty document, as from a join code.
  if (start.index === 0) declareIncident(doc, { title: 'WebRTC bench', severity: 'SEV1', id: start.incidentId }, me);
  // What the renderer shows comes from this store (useCollection subscribes to it).
  const store = createIncidentStore(doc);
  const seen = new Set<string>();
  store.subscribe('timeline', () => {
    const at = onPhases ? monotonicMs() : 0;
    for (const entry of store.get('timeline')) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      const match = EDIT_TEXT.exec(entry.text);
      if (match && entry.authorId !== me.id) {
        onSeen(Number(match[1]));
        phases.notified(Number(match[1]), at);
      }
    }
  });
  // Through the app's own room manager (Sitrep's room on simple-peer, signaling sealed with the
  // room secret, the peer guard, chunked large messages), joined only once the document is
  // loaded, as the app does.
  const rooms = new RoomManager({ peerOpts: { wrtc } });
  const room = rooms.open(doc, { roomId: start.room, secret: start.password, signaling: [start.signaling], iceServers: [] });
  phases.networkAttached();
  return {
    edit: (seq) => {
      recordEntry(doc, { kind: 'note', text: `bench edit ${seq}` }, me);
      phases.wrote(seq);
    },
    syncedPeers: () => room.status().peers,
    ready: () => readIncidentInfo(doc) !== null,
    rejoin: () => {
      room.reconnect();
      phases.networkAttached();
    },
    destroy() {
      rooms.closeAll();
      store.destroy();
      doc.destroy();
    },
  };
}
