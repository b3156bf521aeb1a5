// One peer of the WebRTC bench, in its own process (as each responder is on their own laptop):
// makes the edits it is told to and reports when it sees the others'.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { monotonicMs, type FromPeer, type ToPeer } from './protocol';
import { rawPath, sitrepPath, type OnPhases, type PeerPath } from './peerPaths';

// y-webrtc's signaling client uses the browser's WebSocket; Node 20 has none, ws is compatible.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

function send(message: FromPeer): void {
  process.send?.(message);
}

/** Garbage collections, so a slow edit can be told from one that waited for the collector. */
function reportCollections(): void {
  // performance.now() and hrtime are both monotonic; their offset is fixed for the process.
  const offset = monotonicMs() - performance.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) send({ type: 'gc', index, start: entry.startTime + offset, duration: entry.duration });
  }).observe({ entryTypes: ['gc'] });
}

let path: PeerPath | null = null;
let index = -1;
let statusTimer: ReturnType<typeof setInterval> | null = null;

process.on('message', (raw: unknown) => {
  const message = raw as ToPeer;
  try {
    if (message.type === 'start') {
      index = message.index;
      const onSeen = (seq: number) => send({ type: 'seen', index, seq, at: monotonicMs() });
      const onPhases: OnPhases | null = process.env.SITREP_BENCH_WEBRTC_PHASES
        ? (seq, phases) => send({ type: 'phases', index, seq, phases })
        : null;
      if (onPhases) reportCollections();
      path = message.path === 'raw' ? rawPath(message, onSeen, onPhases) : sitrepPath(message, onSeen, onPhases);
      statusTimer = setInterval(() => {
        if (path) send({ type: 'status', index, connected: path.syncedPeers(), ready: path.ready() });
      }, 100);
    } else if (message.type === 'edit') {
      if (!path) throw new Error('edit before start');
      const at = monotonicMs();
      path.edit(message.seq);
      send({ type: 'sent', index, seq: message.seq, at });
    } else if (message.type === 'rejoin') {
      path?.rejoin();
    } else if (message.type === 'stop') {
      if (statusTimer) clearInterval(statusTimer);
      path?.destroy();
      path = null;
      // Let y-webrtc's goodbye messages and socket closes go out before leaving.
      setTimeout(() => process.exit(0), 200);
    }
  } catch (error) {
    send({ type: 'failed', index, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});

process.on('disconnect', () => process.exit(0));
