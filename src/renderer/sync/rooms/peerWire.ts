// The messages a room's peers exchange over WebRTC, declared once. Sync and awareness keep
// y-webrtc 10's framing of y-protocols (src/y-webrtc.js; y-webrtc does not export these numbers,
// y-protocols does for sync); app messages and chunks are Sitrep's own. A plain y-webrtc peer no
// longer reaches a Sitrep room at all (its signaling topic and sealing differ: signalingCrypto.ts),
// so the framing is kept for its tested simplicity, not for compatibility.
export { messageYjsSyncStep1 as SYNC_STEP_1, messageYjsSyncStep2 as SYNC_STEP_2, messageYjsUpdate as SYNC_UPDATE } from 'y-protocols/sync';

/** A y-protocols sync message follows: step 1 (a state vector), step 2 or an update. */
export const MESSAGE_SYNC = 0;
/** A y-protocols awareness update follows. */
export const MESSAGE_AWARENESS = 1;
/** Asks for every awareness state the peer knows. */
export const MESSAGE_QUERY_AWARENESS = 3;
/** y-webrtc's tab-to-tab peer id announcement (BroadcastChannel only); never valid over WebRTC. */
export const MESSAGE_BC_PEER_ID = 4;
/**
 * A feature's own message on a named app channel (appChannel.ts): varString channel, then
 * varUint8Array payload. A type y-webrtc never uses.
 */
export const MESSAGE_APP = 0x70;
/** One chunk of a message too large for a data channel (peerChunks.ts); a type y-webrtc never uses. */
export const MESSAGE_CHUNK = 0x7f;
