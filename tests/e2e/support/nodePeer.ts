// A responder's laptop as a Node process peer: the app's own room manager (Sitrep's room on
// simple-peer with @roamhq/wrtc, sealed signaling, the guard), without a browser. Cheap enough
// to rejoin a hundred times; used inside the loopback-only namespace only.
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { OpenPeer, PeerTransport } from '../../../src/renderer/sync/rooms/peerRoom';
import { RoomManager, type RoomConfig, type RoomHandle } from '../../../src/renderer/sync/rooms/roomManager';
import { PeerRoom, simplePeerOpener } from '../../../src/renderer/sync/rooms/peerRoom';

// The room's signaling client uses the global WebSocket; Node 20 has none, ws is compatible.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** A simple-peer connection as the hostile-peer test drives it by hand. */
export interface RawPeerConnection extends PeerTransport {
  readonly connected: boolean;
  readonly destroyed: boolean;
  readonly bufferSize: number;
}

export class NodePeer {
  readonly doc = new Y.Doc();
  readonly rooms: RoomManager;
  readonly room: RoomHandle;
  /** Every WebRTC connection this peer opened, for tests that send on one by hand. */
  readonly transports: RawPeerConnection[] = [];
  readonly logged: string[] = [];

  constructor(config: RoomConfig) {
    const opener = simplePeerOpener({ wrtc });
    const openPeer: OpenPeer = (options) => {
      const transport = opener(options) as RawPeerConnection;
      this.transports.push(transport);
      return transport;
    };
    this.rooms = new RoomManager({
      createProvider: (doc, roomConfig, awareness, context) =>
        new PeerRoom(doc, awareness, {
          roomId: roomConfig.roomId,
          secret: roomConfig.secret,
          signaling: roomConfig.signaling,
          iceServers: roomConfig.iceServers,
          guard: context.guard,
          openPeer,
          log: (message) => this.logged.push(message),
        }),
    });
    this.room = this.rooms.open(this.doc, config);
  }

  peers(): number {
    return this.room.status().peers;
  }

  stop(): void {
    this.rooms.closeAll();
    this.doc.destroy();
  }
}
