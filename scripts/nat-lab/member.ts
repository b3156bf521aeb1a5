// One member of a Sitrep room as a Node process, for the NAT lab: the app's own room code (RoomManager,
// PeerRoom on simple-peer with @roamhq/wrtc, sealed signaling, the guard) and a Y.Doc changed only
// through the core commands. It runs inside a site's network namespace and takes its orders as JSON
// lines on stdin; each answer is one JSON line on stdout, `{ id, ok, ... }`. It exits when stdin
// closes, so it never outlives the test that drives it.
//
// Orders:
//   { id, op: 'join', room: RoomConfig, connectTimeoutMs }  opens the room (a fresh document each time)
//   { id, op: 'leave' }                                     closes it
//   { id, op: 'declare', title }                            declares the incident (an edit)
//   { id, op: 'note', text }                                records a timeline note (an edit)
//   { id, op: 'until', what: 'connected' | 'failed' | 'settled' | 'title' | 'note', text? }
//        ('settled': a connection opened, or one closed unopened after the other site's offer or answer reached it)
//        answers once that holds (checked again at every room or document change), then with `report`
//   { id, op: 'report' }                                    what this member sees now
import { createInterface } from 'node:readline';
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { declareIncident, recordEntry } from '../../src/core/commands';
import { readCollection, readIncidentInfo } from '../../src/core/read';
import { PeerRoom, simplePeerOpener, type OpenPeer, type PeerTransport } from '../../src/renderer/sync/rooms/peerRoom';
import { RoomManager, type RoomConfig, type RoomHandle } from '../../src/renderer/sync/rooms/roomManager';

// The room's signaling client uses the global WebSocket; ws is compatible.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const me = { id: `nat-lab-${process.pid}`, name: process.env.SITREP_LAB_MEMBER ?? 'member' };

/** What crossed signaling on one connection: proves the other site was reached before ICE had its say. */
interface Traced {
  readonly transport: PeerTransport & { readonly _pc?: RTCPeerConnection; readonly connected?: boolean };
  readonly sent: Record<string, number>;
  readonly received: Record<string, number>;
  opened: boolean;
  closed: boolean;
}

interface Session {
  readonly doc: Y.Doc;
  readonly rooms: RoomManager;
  readonly handle: RoomHandle;
  readonly traced: Traced[];
  readonly logged: string[];
}

let session: Session | null = null;
const waiters = new Set<() => void>();

/** `offer`, `answer`, or `candidate:<type>` (host, srflx, prflx, relay) for an ICE candidate. */
function signalKind(data: unknown): string {
  if (!data || typeof data !== 'object') return 'other';
  const value = data as { type?: unknown; candidate?: { candidate?: unknown } };
  if (value.candidate !== undefined) {
    const type = typeof value.candidate?.candidate === 'string' ? / typ (\w+)/.exec(value.candidate.candidate)?.[1] : undefined;
    return `candidate:${type ?? 'unknown'}`;
  }
  return typeof value.type === 'string' ? value.type : 'other';
}

function join(room: RoomConfig, connectTimeoutMs: number): void {
  leave();
  const doc = new Y.Doc();
  const traced: Traced[] = [];
  const logged: string[] = [];
  const opener = simplePeerOpener({ wrtc });
  const openPeer: OpenPeer = (options) => {
    const transport = opener(options) as Traced['transport'];
    const entry: Traced = { transport, sent: {}, received: {}, opened: false, closed: false };
    traced.push(entry);
    transport.on('connect', () => {
      entry.opened = true;
    });
    transport.on('close', () => {
      entry.closed = true;
      wake();
    });
    transport.on('signal', (data) => {
      const kind = signalKind(data);
      entry.sent[kind] = (entry.sent[kind] ?? 0) + 1;
    });
    const signal = transport.signal.bind(transport);
    transport.signal = (data: unknown) => {
      const kind = signalKind(data);
      entry.received[kind] = (entry.received[kind] ?? 0) + 1;
      signal(data);
    };
    return transport;
  };
  const rooms = new RoomManager({
    createProvider: (providerDoc, config, awareness, context) =>
      new PeerRoom(providerDoc, awareness, {
        roomId: config.roomId,
        secret: config.secret,
        signaling: config.signaling,
        iceServers: config.iceServers,
        guard: context.guard,
        openPeer,
        timing: { connectTimeoutMs },
        log: (message) => {
          logged.push(message);
          wake();
        },
      }),
  });
  const handle = rooms.open(doc, room);
  handle.subscribe(wake);
  doc.on('update', wake);
  session = { doc, rooms, handle, traced, logged };
  wake();
}

function leave(): void {
  if (!session) return;
  session.rooms.closeAll();
  session.doc.destroy();
  session = null;
}

function wake(): void {
  for (const waiter of [...waiters]) waiter();
}

function current(): Session {
  if (!session) throw new Error('No room is open; send a join first.');
  return session;
}

interface CandidateSide {
  readonly type: string;
  readonly address: string;
  readonly protocol: string;
}

/** The candidate pair each open connection uses, from WebRTC's own statistics. */
async function selectedPairs(traced: readonly Traced[]): Promise<Array<{ local: CandidateSide; remote: CandidateSide }>> {
  const pairs: Array<{ local: CandidateSide; remote: CandidateSide }> = [];
  for (const { transport } of traced) {
    const pc = transport._pc;
    if (!pc || !transport.connected) continue;
    const stats = await pc.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    stats.forEach((stat: Record<string, unknown>) => {
      byId.set(String(stat.id), stat);
    });
    let pairId: string | null = null;
    for (const stat of byId.values()) {
      if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string') pairId = stat.selectedCandidatePairId;
    }
    // Stacks that do not name the selected pair on the transport mark it nominated and succeeded.
    const pair =
      (pairId ? byId.get(pairId) : undefined) ??
      [...byId.values()].find((stat) => stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded');
    if (!pair) continue;
    const side = (id: unknown): CandidateSide => {
      const candidate = byId.get(String(id)) ?? {};
      return {
        type: String(candidate.candidateType ?? 'unknown'),
        address: `${String(candidate.address ?? candidate.ip ?? '?')}:${String(candidate.port ?? '?')}`,
        protocol: String(candidate.protocol ?? '?'),
      };
    };
    pairs.push({ local: side(pair.localCandidateId), remote: side(pair.remoteCandidateId) });
  }
  return pairs;
}

async function report(): Promise<Record<string, unknown>> {
  const { doc, handle, traced, logged } = current();
  const status = handle.status();
  return {
    peers: status.peers,
    synced: status.synced,
    signaling: status.signaling,
    pendingConnections: status.pendingConnections,
    lastFailure: status.lastFailure?.detail ?? null,
    title: readIncidentInfo(doc)?.title ?? null,
    notes: readCollection(doc, 'timeline')
      .filter((entry) => entry.kind === 'note')
      .map((entry) => entry.text),
    connections: traced.map((entry) => ({
      sent: entry.sent,
      received: entry.received,
      opened: entry.opened,
      failedAfterSignaling: failedAfterSignaling(entry),
    })),
    selectedPairs: await selectedPairs(traced),
    logged: logged.slice(-10),
  };
}

function failedAfterSignaling(entry: Traced): boolean {
  return entry.closed && !entry.opened && ((entry.received.offer ?? 0) > 0 || (entry.received.answer ?? 0) > 0);
}

function holds(what: unknown, text: unknown): boolean {
  const { doc, handle } = current();
  const status = handle.status();
  switch (what) {
    case 'connected':
      return status.peers > 0 && status.synced;
    case 'failed':
      return status.lastFailure !== null;
    case 'settled':
      // Either a connection opened, or one that had the other site's offer or answer (so signaling
      // worked) closed without opening. A case that must fail does not wait out its safety net if
      // it connects, and an attempt that timed out before signaling crossed (a slow machine) does not count.
      return status.peers > 0 || current().traced.some((entry) => failedAfterSignaling(entry));
    case 'title':
      return readIncidentInfo(doc)?.title === text;
    case 'note':
      return readCollection(doc, 'timeline').some((entry) => entry.text === text);
    default:
      throw new Error(`Unknown condition ${JSON.stringify(what)}.`);
  }
}

function until(what: unknown, text: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      try {
        if (!holds(what, text)) return;
      } catch (error) {
        waiters.delete(check);
        reject(error);
        return;
      }
      waiters.delete(check);
      resolve();
    };
    waiters.add(check);
    check();
  });
}

async function handle(order: Record<string, unknown>): Promise<Record<string, unknown>> {
  switch (order.op) {
    case 'join':
      join(order.room as RoomConfig, Number(order.connectTimeoutMs));
      return {};
    case 'leave':
      leave();
      return {};
    case 'declare':
      declareIncident(current().doc, { title: String(order.title), severity: 'SEV2' }, me);
      return {};
    case 'note':
      recordEntry(current().doc, { kind: 'note', text: String(order.text) }, me);
      return {};
    case 'until':
      await until(order.what, order.text);
      return { report: await report() };
    case 'report':
      return { report: await report() };
    default:
      throw new Error(`Unknown order ${JSON.stringify(order.op)}.`);
  }
}

function answer(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let order: Record<string, unknown>;
  try {
    order = JSON.parse(line) as Record<string, unknown>;
  } catch {
    answer({ id: null, ok: false, error: `Not a JSON order: ${line.slice(0, 200)}` });
    return;
  }
  handle(order).then(
    (result) => answer({ id: order.id, ok: true, ...result }),
    (error: unknown) => answer({ id: order.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
lines.on('close', () => {
  leave();
  process.exit(0);
});
answer({ id: 'ready', ok: true, pid: process.pid });
