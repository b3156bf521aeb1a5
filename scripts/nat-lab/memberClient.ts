// Drives a member.ts process over its stdin and stdout (JSON lines), from outside its namespace.
import { resolve } from 'node:path';
import type { RoomConfig } from '../../src/renderer/sync/rooms/roomManager';
import type { LabProcess, NamespaceName, NatLab } from './lab';

export interface CandidateSide {
  readonly type: string;
  readonly address: string;
  readonly protocol: string;
}

/** What a member sees (member.ts `report`). */
export interface MemberReport {
  readonly peers: number;
  readonly synced: boolean;
  readonly signaling: string;
  readonly pendingConnections: number;
  readonly lastFailure: string | null;
  readonly title: string | null;
  readonly notes: readonly string[];
  /** Per WebRTC connection tried: the signals it sent and received through the signaling server, by kind. */
  readonly connections: ReadonlyArray<{
    sent: Record<string, number>;
    received: Record<string, number>;
    opened: boolean;
    /** It had the other site's offer or answer and closed without opening. */
    failedAfterSignaling: boolean;
  }>;
  /** The candidate pair each open connection uses. */
  readonly selectedPairs: ReadonlyArray<{ local: CandidateSide; remote: CandidateSide }>;
  readonly logged: readonly string[];
}

export class LabMember {
  private nextId = 1;
  private readonly pending = new Map<string, { resolve: (answer: Record<string, unknown>) => void; reject: (error: Error) => void }>();

  private constructor(
    readonly name: string,
    readonly process: LabProcess,
  ) {
    let read = 0;
    process.onLine(() => {
      for (; read < process.lines.length; read += 1) this.answered(process.lines[read] ?? '');
      if (process.exited) {
        const error = new Error(`Member ${name} exited (${JSON.stringify(process.exited)}): ${process.errors.slice(-20).join('\n')}`);
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
      }
    });
  }

  /** Starts a member process inside the namespace and waits until it takes orders. */
  static async start(lab: NatLab, namespace: NamespaceName, name: string): Promise<LabMember> {
    const process = lab.spawn(
      namespace,
      `member ${name}`,
      globalThis.process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'member.ts')],
      {
        env: { ...globalThis.process.env, SITREP_LAB_MEMBER: name },
      },
    );
    await process.waitForLine((line) => line.includes('"id":"ready"'), `member ${name} was ready`);
    return new LabMember(name, process);
  }

  private answered(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return; // Not an answer (a library printing on stdout): the answers are the JSON lines.
    }
    const waiting = this.pending.get(String(message.id));
    if (!waiting) return;
    this.pending.delete(String(message.id));
    if (message.ok === true) waiting.resolve(message);
    else waiting.reject(new Error(`Member ${this.name}: ${String(message.error)}`));
  }

  private order(order: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      if (this.process.exited) {
        reject(new Error(`Member ${this.name} has exited.`));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.process.child.stdin?.write(`${JSON.stringify({ ...order, id })}\n`);
    });
  }

  /**
   * Ends the process: closing its stdin makes it leave the room and exit. Resolves with how it
   * ended. A process that does not end within `graceMs` is killed.
   */
  async stop(graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.process.exited) this.process.child.stdin?.end();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.process.whenExited(),
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          if (!this.process.exited) this.process.child.kill('SIGKILL');
          resolve();
        }, graceMs);
      }),
    ]);
    clearTimeout(timer);
    await this.process.whenExited();
    return this.process.exited ?? { code: null, signal: null };
  }

  async join(room: RoomConfig, connectTimeoutMs: number): Promise<void> {
    await this.order({ op: 'join', room, connectTimeoutMs });
  }

  async leave(): Promise<void> {
    await this.order({ op: 'leave' });
  }

  async declare(title: string): Promise<void> {
    await this.order({ op: 'declare', title });
  }

  async note(text: string): Promise<void> {
    await this.order({ op: 'note', text });
  }

  async report(): Promise<MemberReport> {
    return (await this.order({ op: 'report' })).report as MemberReport;
  }

  /** Waits for a condition the member checks at every change; `safetyNetMs` only guards against a hang. */
  async until(what: 'connected' | 'failed' | 'settled' | 'title' | 'note', safetyNetMs: number, text?: string): Promise<MemberReport> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Member ${this.name}: "${what}" did not happen within ${safetyNetMs} ms.`)), safetyNetMs);
    });
    try {
      const answer = await Promise.race([this.order({ op: 'until', what, text }), hang]);
      return answer.report as MemberReport;
    } catch (error) {
      // Say what the member saw, so a hang can be told from a wrong turn.
      const seen = await this.report().catch((reportError: unknown) => `no report: ${String(reportError)}`);
      throw new Error(`${error instanceof Error ? error.message : String(error)} It saw: ${JSON.stringify(seen)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
