// Describes the machine a bench ran on, so results can be compared with their context.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineDescription {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryMB: number;
  readonly os: string;
  readonly kernel: string;
  readonly node: string;
  readonly chromium: string | null;
  readonly date: string;
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1];
    if (pretty) return pretty;
  } catch {
    // Not Linux, or no os-release: fall back to Node's own description below.
  }
  return `${os.type()} ${os.release()}`;
}

export function chromiumVersion(executable: string | undefined): string | null {
  if (!executable) return null;
  try {
    return execFileSync(executable, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function describeMachine(chromiumExecutable: string | undefined): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryMB: Math.round(os.totalmem() / (1024 * 1024)),
    os: osName(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(chromiumExecutable),
    date: new Date().toISOString(),
  };
}
