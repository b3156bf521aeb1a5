// Messages between the WebRTC bench's coordinator and its peer processes (Node IPC).

export type PeerPathName = 'raw' | 'sitrep';

export interface PeerStart {
  readonly type: 'start';
  readonly path: PeerPathName;
  readonly index: number;
  readonly peers: number;
  readonly room: string;
  readonly password: string;
  readonly signaling: string;
  readonly incidentId: string;
}

export type ToPeer =
  | PeerStart
  | { readonly type: 'edit'; readonly seq: number }
  /** Leave and rejoin the room: y-webrtc does not retry a peer connection that failed. */
  | { readonly type: 'rejoin' }
  | { readonly type: 'stop' };

export type FromPeer =
  /** How many other peers this one is connected to and synced with. */
  | { readonly type: 'status'; readonly index: number; readonly connected: number; readonly ready: boolean }
  /** `at` is CLOCK_MONOTONIC in ms (process.hrtime), the same clock in every process. */
  | { readonly type: 'sent'; readonly index: number; readonly seq: number; readonly at: number }
  | { readonly type: 'seen'; readonly index: number; readonly seq: number; readonly at: number }
  | { readonly type: 'failed'; readonly index: number; readonly message: string };

export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
