// Edit -> visible at a peer over WebRTC, Sitrep's path against raw y-webrtc, 2/5/10 Node peers
// (@roamhq/wrtc). Every WebRTC measurement runs inside a loopback-only network namespace: this
// section re-executes itself under `unshare -rn` and reports "skipped" when that is not possible.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantile, round, withinRatio, type BenchSection, type Measure } from '../measure';
import { MEASURED_EDITS, notLoopbackOnly, PEER_COUNTS, runWebrtcRounds, type RoundResult } from '../webrtc/coordinator';

const NAMESPACE_TIMEOUT_MS = 8 * 60_000;

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Whether this machine can make a user + network namespace; null when it can, else why not. */
function namespaceUnavailable(): string | null {
  const probe = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error) return `unshare could not run (${probe.error.message})`;
  if (probe.status !== 0) return `unshare -rn failed: ${(probe.stderr || `exit ${probe.status}`).trim()}`;
  return null;
}

/** Runs the rounds in a new user + network namespace where only `lo` exists and is up. */
function roundsInNamespace(root: string, log: (line: string) => void): RoundResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-webrtc-'));
  const out = join(dir, 'rounds.json');
  try {
    const inner = [process.execPath, '--import', 'tsx', join(root, 'scripts/bench/webrtc/inNamespace.ts'), out, PEER_COUNTS.join(',')]
      .map(shellQuote)
      .join(' ');
    log('webrtc: entering a loopback-only network namespace (unshare -rn) …');
    const result = spawnSync('unshare', ['-rn', 'sh', '-c', `ip link set lo up && exec ${inner}`], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: NAMESPACE_TIMEOUT_MS,
    });
    if (result.error) throw new Error(`The WebRTC run in the namespace failed: ${result.error.message}`);
    if (result.status !== 0 || !existsSync(out)) {
      throw new Error(`The WebRTC run in the namespace failed (exit ${result.status ?? result.signal}); its log is above.`);
    }
    return JSON.parse(readFileSync(out, 'utf8')) as RoundResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measuresOf(rounds: readonly RoundResult[]): Measure[] {
  const measures: Measure[] = [];
  for (const peers of PEER_COUNTS) {
    const raw = rounds.find((r) => r.path === 'raw' && r.peers === peers);
    const sitrep = rounds.find((r) => r.path === 'sitrep' && r.peers === peers);
    if (!raw || !sitrep || raw.samples.length === 0 || sitrep.samples.length === 0) continue;
    const describe = (r: RoundResult) =>
      `${r.samples.length} samples (${MEASURED_EDITS} edits × ${peers - 1} receivers), ${r.lost} edits not seen by all within 5 s, ` +
      `last peer p95 ${round(quantile(r.allPeers, 0.95))} ms, connected in ${r.connectMs} ms${r.rejoins ? ` after ${r.rejoins} rejoin(s) of peers whose failed connection y-webrtc did not retry` : ''}`;
    for (const [stat, q] of [
      ['median', 0.5],
      ['p95', 0.95],
    ] as const) {
      measures.push({
        section: 'webrtc',
        name: `sync edit -> visible, ${peers} peers, ${stat}`,
        value: round(quantile(sitrep.samples, q)),
        unit: 'ms',
        baseline: { name: `raw y-webrtc ${stat}`, value: round(quantile(raw.samples, q)) },
        target: stat === 'p95' ? withinRatio(1.2) : null,
        detail: `Sitrep: ${describe(sitrep)}. Raw: ${describe(raw)}.`,
      });
    }
  }
  return measures;
}

export const webrtcSection: BenchSection = {
  name: 'webrtc',
  title: 'Edit to visible at a peer over WebRTC (Node peers, loopback-only namespace)',
  async run({ root, log }) {
    // Already inside a loopback-only namespace (the whole bench was started in one): run here.
    if (notLoopbackOnly() === null) return measuresOf(await runWebrtcRounds(root, log));
    const unavailable = namespaceUnavailable();
    if (unavailable) {
      const skipped = `no loopback-only namespace (${unavailable})`;
      log(`webrtc: skipped: ${skipped}`);
      return PEER_COUNTS.map((peers) => ({
        section: 'webrtc',
        name: `sync edit -> visible, ${peers} peers, p95`,
        value: null,
        unit: 'ms' as const,
        baseline: null,
        target: withinRatio(1.2),
        skipped,
      }));
    }
    return measuresOf(roundsInNamespace(root, log));
  },
};
