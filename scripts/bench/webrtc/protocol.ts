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
  | { readonly type: 'failed'; readonly index: number; readonly message: string }
  /** With SITREP_BENCH_WEBRTC_PHASES=1: where one edit's time went at one peer (coordinator.ts, logPhases). */
  | { readonly type: 'phases'; readonly index: number; readonly seq: number; readonly phases: EditPhases }
  /** With SITREP_BENCH_WEBRTC_PHASES=1: one garbage collection in that peer, on CLOCK_MONOTONIC. */
  | { readonly type: 'gc'; readonly index: number; readonly start: number; readonly duration: number };

/**
 * Moments of one edit on CLOCK_MONOTONIC. At the writer: `update` (the command and the document's
 * observers are done; the update is about to be sent), `broadcast` (the network's update listener
 * returned: every peer's send did) and `sent` (the writer's command returned). At
 * a receiver: `applying` (a remote update began to be applied) and `notified` (the view the UI
 * reads changed: the store's topic for Sitrep, the map observer for raw).
 */
export type EditPhases =
  | { readonly role: 'writer'; readonly update: number; readonly broadcast: number; readonly sent: number }
  | { readonly role: 'receiver'; readonly applying: number; readonly notified: number };

export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
