// Runs inside a loopback-only network namespace: starts our signaling server on 127.0.0.1,
// then for 2, 5 and 10 peers (each its own process) times edit -> visible at every other peer,
// over raw y-webrtc and over Sitrep's path, interleaved so both see the same machine load.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startSignalingServer } from '../../../src/main/signaling/server';
import type { EditPhases, FromPeer, PeerPathName, ToPeer } from './protocol';

export const PEER_COUNTS = [2, 5, 10];
export const WARMUP_EDITS = 20;
export const MEASURED_EDITS = 200;
/** Measured edits in a row on one path before the other path's turn. */
export const EDITS_PER_BLOCK = 20;

/**
 * SITREP_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every peer process there (one per peer
 * and round; a profile's call tree names the path, rawPath or sitrepPath): where a miss comes from.
 */
function peerExecArgv(): string[] {
  const dir = process.env.SITREP_BENCH_CPU_PROF;
  return dir ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${dir}`] : process.execArgv;
}
/**
 * SITREP_BENCH_WEBRTC_PHASES=1 logs, per round, what edit -> visible is made of (EditPhases in
 * protocol.ts): the writer's command and observers, its sends, what it does after them; the wire
 * from the end of the sends to the receiver applying (negative when a receiver began before the
 * writer's last send returned); the apply up to the view changing; the report to the coordinator.
 * Each as its median over all samples and over those at or past the p95. `gc` is not a phase: it
 * is the time the writer's and the receiver's garbage collections overlapped the edit.
 */
const PHASES = Boolean(process.env.SITREP_BENCH_WEBRTC_PHASES);
const PHASE_NAMES = ['command', 'send', 'after', 'wire', 'apply', 'report', 'gc'] as const;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const CONNECT_TIMEOUT_MS = 90_000;
/** A peer still missing connections after this long leaves and rejoins the room. */
const REJOIN_AFTER_MS = 15_000;
/** Responders join one after another, not all in the same millisecond. */
const JOIN_GAP_MS = 400;
const EDIT_TIMEOUT_MS = 5_000;
/** Pause between edits: a responder does not type 50 entries a second. */
const EDIT_GAP_MS = 15;

export interface RoundResult {
  readonly path: PeerPathName;
  readonly peers: number;
  /** edit -> visible, one sample per (edit, receiving peer), ms. */
  readonly samples: number[];
  /** edit -> visible at the last peer, one sample per edit, ms. */
  readonly allPeers: number[];
  readonly lost: number;
  readonly connectMs: number;
  /** Times a peer had to leave and rejoin because a connection failed and was not retried. */
  readonly rejoins: number;
}

/** Why WebRTC must not run here, or null when only the loopback interface exists. */
export function notLoopbackOnly(): string | null {
  const names = Object.keys(os.networkInterfaces());
  const others = names.filter((name) => name !== 'lo');
  if (others.length > 0) return `network interfaces other than lo are present (${others.join(', ')})`;
  if (!names.includes('lo')) return 'the loopback interface is down';
  return null;
}

async function bundlePeer(root: string): Promise<string> {
  // Bundled once (into out/, so node_modules resolve): ten tsx start-ups would cost more than a round.
  const outfile = join(root, 'out/bench-webrtc/peer.mjs');
  await build({
    entryPoints: [join(root, 'scripts/bench/webrtc/peer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['@roamhq/wrtc', 'ws'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

class Round {
  private readonly children: ChildProcess[] = [];
  private readonly status = new Map<number, { connected: number; ready: boolean }>();
  private readonly sent = new Map<number, number>();
  private readonly seen = new Map<number, Map<number, number>>();
  private readonly phases = new Map<number, { writer?: EditPhases; receivers: Map<number, EditPhases> }>();
  private readonly collections = new Map<number, Array<{ start: number; end: number }>>();
  private failure: string | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly peerFile: string,
    private readonly path: PeerPathName,
    private readonly peers: number,
    private readonly signaling: string,
  ) {}

  private connectMs = 0;
  private rejoins = 0;
  private readonly samples: number[] = [];
  private readonly allPeers: number[] = [];
  private lost = 0;
  /** The next edit's number, counted across blocks; the first WARMUP_EDITS are not measured. */
  private nextSeq = 1;

  /** Starts the peers one after another and waits until each is connected to every other. */
  async connect(log: (line: string) => void): Promise<void> {
    // 32 hex characters, the form of a Sitrep room id.
    const room = randomBytes(16).toString('hex');
    const password = randomBytes(16).toString('hex');
    const incidentId = randomBytes(8).toString('hex');
    const connectStart = Date.now();
    for (let index = 0; index < this.peers; index++) {
      const child = fork(this.peerFile, [], { execArgv: peerExecArgv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (message) => this.onMessage(message as FromPeer));
      child.on('exit', (code) => {
        if (code !== 0 && code !== null && !this.failure) this.failure = `peer ${index} exited with code ${code}`;
        this.poke();
      });
      this.children.push(child);
      this.send(child, { type: 'start', path: this.path, index, peers: this.peers, room, password, signaling: this.signaling, incidentId });
      await new Promise((resolve) => setTimeout(resolve, JOIN_GAP_MS));
    }
    const connectDeadline = Date.now() + CONNECT_TIMEOUT_MS;
    while (!(await this.until(REJOIN_AFTER_MS, () => this.allConnected(), 'connections', false))) {
      if (Date.now() > connectDeadline) await this.until(0, () => this.allConnected(), `all ${this.peers} ${this.path} peers to connect`);
      for (const [index, status] of this.status) {
        if (status.connected >= this.peers - 1) continue;
        log(
          `webrtc: ${this.path} peer ${index} has ${status.connected} of ${this.peers - 1} connections after ${REJOIN_AFTER_MS / 1000} s; it rejoins the room`,
        );
        this.send(this.children[index]!, { type: 'rejoin' });
        this.rejoins += 1;
      }
    }
    this.connectMs = Date.now() - connectStart;
  }

  /** Makes the next `count` edits, one at a time, writers in turn. */
  async edits(count: number): Promise<void> {
    for (const last = this.nextSeq + count - 1; this.nextSeq <= last; this.nextSeq++) {
      const seq = this.nextSeq;
      const writer = seq % this.peers;
      this.send(this.children[writer]!, { type: 'edit', seq });
      const arrived = await this.until(
        EDIT_TIMEOUT_MS,
        () => this.sent.has(seq) && (this.seen.get(seq)?.size ?? 0) >= this.peers - 1,
        `edit ${seq} to reach every peer`,
        false,
      );
      if (seq > WARMUP_EDITS) {
        const at = this.sent.get(seq);
        const times = [...(this.seen.get(seq)?.values() ?? [])];
        if (!arrived || at === undefined) this.lost += 1;
        if (at !== undefined) {
          for (const t of times) this.samples.push(t - at);
          if (arrived) this.allPeers.push(Math.max(...times) - at);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, EDIT_GAP_MS));
    }
  }

  result(log: (line: string) => void): RoundResult {
    const { path, peers, samples, allPeers, lost, connectMs, rejoins } = this;
    log(
      `webrtc: ${path} with ${peers} peers: ${samples.length} samples, ${lost} edits lost, connected in ${connectMs} ms${rejoins ? ` after ${rejoins} rejoin(s)` : ''}`,
    );
    if (PHASES) this.logPhases(log);
    return { path, peers, samples: [...samples], allPeers: [...allPeers], lost, connectMs, rejoins };
  }

  private send(child: ChildProcess, message: ToPeer): void {
    child.send(message);
  }

  private onMessage(message: FromPeer): void {
    if (message.type === 'status') this.status.set(message.index, { connected: message.connected, ready: message.ready });
    else if (message.type === 'sent') this.sent.set(message.seq, message.at);
    else if (message.type === 'seen') {
      const bySeq = this.seen.get(message.seq) ?? new Map<number, number>();
      if (!bySeq.has(message.index)) bySeq.set(message.index, message.at);
      this.seen.set(message.seq, bySeq);
    } else if (message.type === 'phases') {
      const byEdit = this.phases.get(message.seq) ?? { receivers: new Map<number, EditPhases>() };
      if (message.phases.role === 'writer') byEdit.writer = message.phases;
      else if (!byEdit.receivers.has(message.index)) byEdit.receivers.set(message.index, message.phases);
      this.phases.set(message.seq, byEdit);
    } else if (message.type === 'gc') {
      const list = this.collections.get(message.index) ?? [];
      list.push({ start: message.start, end: message.start + message.duration });
      this.collections.set(message.index, list);
    } else if (message.type === 'failed') this.failure = `peer ${message.index}: ${message.message}`;
    this.poke();
  }

  private logPhases(log: (line: string) => void): void {
    const rows: Array<{ total: number; parts: number[] }> = [];
    for (let seq = WARMUP_EDITS + 1; seq <= WARMUP_EDITS + MEASURED_EDITS; seq++) {
      const start = this.sent.get(seq);
      const byEdit = this.phases.get(seq);
      const writer = byEdit?.writer;
      if (start === undefined || writer?.role !== 'writer') continue;
      for (const [index, receiver] of byEdit!.receivers) {
        const seen = this.seen.get(seq)?.get(index);
        if (seen === undefined || receiver.role !== 'receiver') continue;
        const parts = [
          writer.update - start,
          writer.broadcast - writer.update,
          writer.sent - writer.broadcast,
          receiver.applying - writer.broadcast,
          receiver.notified - receiver.applying,
          seen - receiver.notified,
          this.collected(seq % this.peers, start, seen) + this.collected(index, start, seen),
        ];
        rows.push({ total: seen - start, parts });
      }
    }
    if (rows.length === 0) {
      log(`webrtc phases: ${this.path} with ${this.peers} peers: none reported`);
      return;
    }
    const p95 = [...rows].sort((a, b) => a.total - b.total)[Math.floor(0.95 * (rows.length - 1))]!.total;
    const tail = rows.filter((row) => row.total >= p95);
    const describe = (pick: (i: number) => number) => PHASE_NAMES.map((name, i) => `${name} ${pick(i).toFixed(3)}`).join(', ');
    // Medians, not means: one send that blocked for 100 ms would otherwise stand for the whole tail.
    log(
      `webrtc phases (ms): ${this.path} with ${this.peers} peers: median ${describe((i) => median(rows.map((row) => row.parts[i]!)))}; ` +
        `median of the ${tail.length} samples >= p95 (${p95.toFixed(3)}): ${describe((i) => median(tail.map((row) => row.parts[i]!)))}`,
    );
  }

  /** How long that peer's garbage collections overlapped [from, to], ms. */
  private collected(index: number, from: number, to: number): number {
    let total = 0;
    for (const { start, end } of this.collections.get(index) ?? []) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
    return total;
  }

  private allConnected(): boolean {
    if (this.status.size < this.peers) return false;
    for (const { connected, ready } of this.status.values()) if (connected < this.peers - 1 || !ready) return false;
    return true;
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Waits for `done`; a peer failure always throws, a timeout throws only when `required`. */
  private async until(timeoutMs: number, done: () => boolean, what: string, required = true): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (this.failure) throw new Error(`WebRTC bench: ${this.failure}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        if (required) {
          const peers = [...this.status.entries()].map(
            ([index, s]) => `peer ${index}: ${s.connected} synced${s.ready ? '' : ', not ready'}`,
          );
          throw new Error(`WebRTC bench: timed out after ${timeoutMs} ms waiting for ${what} (${peers.join('; ') || 'no status yet'})`);
        }
        return false;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return true;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (child.connected) child.send({ type: 'stop' } satisfies ToPeer);
            else child.kill('SIGTERM');
          }),
      ),
    );
  }
}

export async function runWebrtcRounds(root: string, log: (line: string) => void, peerCounts = PEER_COUNTS): Promise<RoundResult[]> {
  const why = notLoopbackOnly();
  if (why) throw new Error(`Refusing to run WebRTC outside a loopback-only network namespace: ${why}.`);
  const peerFile = await bundlePeer(root);
  const server = await startSignalingServer({
    host: '127.0.0.1',
    port: 0,
    log: (level, message) => level !== 'info' && log(`signaling ${level}: ${message}`),
  });
  const results: RoundResult[] = [];
  try {
    const signaling = `ws://127.0.0.1:${server.port}`;
    for (const peers of peerCounts) {
      // Both meshes stay connected while their edits alternate in short blocks, so a change in the
      // machine's load (other work on the same cores) falls on both paths alike.
      const rounds = [new Round(peerFile, 'raw', peers, signaling), new Round(peerFile, 'sitrep', peers, signaling)] as const;
      try {
        for (const round of rounds) await round.connect(log);
        for (const round of rounds) await round.edits(WARMUP_EDITS);
        for (let done = 0; done < MEASURED_EDITS; done += EDITS_PER_BLOCK) {
          for (const round of rounds) await round.edits(Math.min(EDITS_PER_BLOCK, MEASURED_EDITS - done));
        }
        for (const round of rounds) results.push(round.result(log));
      } finally {
        await Promise.all(rounds.map((round) => round.stop()));
      }
    }
  } finally {
    await server.close();
  }
  return results;
}
