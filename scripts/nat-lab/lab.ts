// A small Internet in network namespaces, for proving that Sitrep members on two sites behind NAT
// meet through a coturn relay and not without one. Nothing here touches this machine's real
// network: every namespace is made inside one new user namespace (`unshare -rn`, no privileges
// needed), and each exists only while its holder process lives (a `read` on a pipe from us, so the
// namespaces vanish with the test even if it is killed).
//
//   public (203.0.113.1: coturn on 3478, Sitrep signaling on 4444)
//     ├── pub-r1 ═ r1-pub (203.0.113.11) router1 ── r1-s1 (10.1.0.1) ═ s1-r1 (10.1.0.2) site1
//     └── pub-r2 ═ r2-pub (203.0.113.12) router2 ── r2-s2 (10.2.0.1) ═ s2-r2 (10.2.0.2) site2
//
// Each router masquerades its site behind its public address with a fresh random port for every
// outgoing flow (nft `masquerade fully-random`: a symmetric NAT, as carrier-grade and many company
// NATs are), and forwards nothing into the site that the site did not start. So neither host
// candidates (private addresses nobody routes) nor server-reflexive ones (a mapping made towards
// the STUN server is not the one a peer would need) can connect the sites: only a relay can.
// The public namespace routes between the routers, as the Internet would.
//
// Addresses are documentation ranges (RFC 5737 TEST-NET-3, RFC 1918), meaningful only in here.
import { type ChildProcess, execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';

export const PUBLIC_ADDRESS = '203.0.113.1';
export const TURN_PORT = 3478;
export const SIGNALING_PORT = 4444;
export const WEB_PORT = 4188;
export const TURN_REALM = 'nat-lab.sitrep.invalid';

export const SITES = [
  { name: 'site1', router: 'router1', routerPublic: '203.0.113.11', lan: '10.1.0', index: 1 },
  { name: 'site2', router: 'router2', routerPublic: '203.0.113.12', lan: '10.2.0', index: 2 },
] as const;

export type NamespaceName = 'public' | 'router1' | 'router2' | 'site1' | 'site2';

const REQUIRED_COMMANDS = ['unshare', 'nsenter', 'setpriv', 'ip', 'nft', 'turnserver'] as const;

/** Debian packages that bring the commands above, for a machine that lacks them. */
export const REQUIRED_PACKAGES = 'util-linux (unshare, nsenter, setpriv), iproute2 (ip), nftables (nft), coturn (turnserver)';

function onPath(command: string): boolean {
  const path = process.env.PATH ?? '';
  return path.split(':').some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/**
 * Why the lab cannot be built on this machine, or null when it can. It tries the same things the
 * lab does (a user and network namespace, a veth pair, an nft NAT rule) in a throwaway namespace,
 * so a test can skip with that sentence instead of ever falling back to the normal network.
 */
export function whyNoLab(): string | null {
  if (process.platform !== 'linux') return `the NAT lab needs Linux network namespaces; this is ${process.platform}.`;
  const missing = REQUIRED_COMMANDS.filter((command) => !onPath(command));
  if (missing.length > 0) return `the NAT lab needs ${missing.join(', ')} on the PATH (Debian packages: ${REQUIRED_PACKAGES}).`;
  const probe = [
    'ip link set lo up',
    'ip link add probe0 type veth peer name probe1',
    'printf \'table ip probe { chain post { type nat hook postrouting priority 100; oifname "probe0" masquerade fully-random; }; }\\n\' | nft -f -',
  ].join(' && ');
  try {
    execFileSync('unshare', ['-rn', 'sh', '-ec', probe], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `a private network namespace with a veth pair and NAT could not be made here (${stderr || String(error)}).`;
  }
  return null;
}

/** A line-oriented child process: lines on stdout are kept and can be awaited. */
export class LabProcess {
  readonly lines: string[] = [];
  readonly errors: string[] = [];
  private readonly waiters = new Set<() => void>();
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    readonly label: string,
    readonly child: ChildProcess,
  ) {
    if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => this.push(this.lines, line));
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => this.push(this.errors, line));
    child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.wake();
    });
    child.on('error', (error) => {
      this.errors.push(String(error));
      this.exited ??= { code: null, signal: null };
      this.wake();
    });
  }

  private push(into: string[], line: string): void {
    into.push(line);
    // Keep memory bounded for chatty processes.
    if (into.length > 2000) into.splice(0, into.length - 2000);
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves with the first stdout line (past or future) that matches; rejects if the process exits first. */
  waitForLine(match: (line: string) => boolean, what: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.lines.find(match);
        if (found !== undefined) {
          this.waiters.delete(check);
          resolve(found);
        } else if (this.exited) {
          this.waiters.delete(check);
          reject(
            new Error(`${this.label} exited (${JSON.stringify(this.exited)}) before ${what}. stderr: ${this.errors.slice(-20).join('\n')}`),
          );
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves when the process has exited (at once if it already has). */
  whenExited(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!this.exited) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  onLine(listener: () => void): () => void {
    this.waiters.add(listener);
    return () => this.waiters.delete(listener);
  }
}

export interface TurnOptions {
  readonly secret: string;
}

export class NatLab {
  private readonly holders = new Map<NamespaceName, ChildProcess>();
  private readonly processes: LabProcess[] = [];
  /** Scratch directory for coturn's log and pid file; removed on close. */
  readonly dir = mkdtempSync(join(tmpdir(), 'sitrep-nat-lab-'));
  turnLogPath: string | null = null;

  private constructor() {}

  /** Builds the namespaces, links and NAT rules. Call whyNoLab() first. */
  static async build(): Promise<NatLab> {
    const lab = new NatLab();
    try {
      await lab.hold('public', null);
      for (const site of SITES) {
        await lab.hold(site.router, 'public');
        await lab.hold(site.name, 'public');
      }
      lab.wire();
      return lab;
    } catch (error) {
      await lab.close();
      throw error;
    }
  }

  /** A process that keeps one namespace alive until its stdin closes. */
  private async hold(name: NamespaceName, inside: NamespaceName | null): Promise<void> {
    const holdCommand = ['sh', '-c', 'echo held; read _'];
    const child = inside
      ? spawn('nsenter', [...this.enterArgs(inside), 'unshare', '-n', ...holdCommand], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn('unshare', ['-rn', ...holdCommand], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.holders.set(name, child);
    const holder = new LabProcess(`namespace ${name}`, child);
    await holder.waitForLine((line) => line === 'held', `namespace ${name} was made`);
  }

  private pid(name: NamespaceName): number {
    const pid = this.holders.get(name)?.pid;
    if (pid === undefined) throw new Error(`The ${name} namespace does not exist.`);
    return pid;
  }

  /** nsenter arguments that enter a namespace (its user namespace too, so no privileges are needed). */
  enterArgs(name: NamespaceName): string[] {
    return ['-t', String(this.pid(name)), '-U', '-n', '--preserve-credentials', '--'];
  }

  /** Runs a shell script inside a namespace and returns its stdout; throws with its stderr on failure. */
  sh(name: NamespaceName, script: string, input?: string): string {
    try {
      return execFileSync('nsenter', [...this.enterArgs(name), 'sh', '-ec', script], {
        input,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: 30_000,
      });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new Error(`In namespace ${name}, \`${script}\` failed: ${stderr || String(error)}`);
    }
  }

  private wire(): void {
    // No IPv6 anywhere: its link-local addresses would only add candidates that cannot work either.
    // (A kernel without IPv6 has no such settings, and nothing to turn off.)
    const quiet =
      'ip link set lo up; if [ -d /proc/sys/net/ipv6 ]; then sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; fi';
    this.sh('public', `${quiet}; sysctl -qw net.ipv4.ip_forward=1`);
    for (const site of SITES) {
      const { name, router, routerPublic, lan, index } = site;
      const up = `r${index}-pub`;
      const down = `r${index}-s${index}`;
      const siteIf = `s${index}-r${index}`;
      this.sh(router, `${quiet}; sysctl -qw net.ipv4.ip_forward=1`);
      this.sh(name, quiet);
      // The public side: a point-to-point link per router, the public namespace routing between them.
      this.sh(
        'public',
        `ip link add pub-r${index} type veth peer name ${up} netns ${this.pid(router)}
         ip addr add ${PUBLIC_ADDRESS} peer ${routerPublic} dev pub-r${index}
         ip link set pub-r${index} up`,
      );
      this.sh(
        router,
        `ip addr add ${routerPublic} peer ${PUBLIC_ADDRESS} dev ${up}
         ip link set ${up} up
         ip route add default via ${PUBLIC_ADDRESS} dev ${up}
         ip link add ${down} type veth peer name ${siteIf} netns ${this.pid(name)}
         ip addr add ${lan}.1/24 dev ${down}
         ip link set ${down} up`,
      );
      this.sh(
        name,
        `ip addr add ${lan}.2/24 dev ${siteIf}
         ip link set ${siteIf} up
         ip route add default via ${lan}.1`,
      );
      this.sh(
        router,
        'nft -f -',
        `table ip nat {
           chain post {
             type nat hook postrouting priority srcnat; policy accept;
             oifname "${up}" masquerade fully-random
           }
         }
         table ip filter {
           chain forward {
             type filter hook forward priority filter; policy drop;
             ct state established,related accept
             iifname "${down}" oifname "${up}" accept
           }
         }
`,
      );
    }
  }

  /** Starts a command inside a namespace; it is killed with the lab, or with this process if that dies first. */
  spawn(name: NamespaceName, label: string, command: string, args: readonly string[], options: SpawnOptions = {}): LabProcess {
    const child = spawn('nsenter', [...this.enterArgs(name), 'setpriv', '--pdeathsig', 'KILL', '--', command, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...options,
    });
    const process = new LabProcess(label, child);
    this.processes.push(process);
    return process;
  }

  /**
   * coturn on the public address, with time-limited credentials from the shared secret
   * (use-auth-secret) and limits against abuse of the relay: no relaying to private, loopback or
   * multicast addresses, a few allocations per user and in all, a bandwidth cap per session.
   */
  async startTurn({ secret }: TurnOptions): Promise<LabProcess> {
    const log = join(this.dir, 'turnserver.log');
    this.turnLogPath = log;
    const options = [
      'no-stdout-log',
      `log-file=${log}`,
      'simple-log',
      'verbose',
      `pidfile=${join(this.dir, 'turnserver.pid')}`,
      `listening-ip=${PUBLIC_ADDRESS}`,
      `relay-ip=${PUBLIC_ADDRESS}`,
      `listening-port=${TURN_PORT}`,
      'min-port=49152',
      'max-port=49407',
      `realm=${TURN_REALM}`,
      'use-auth-secret',
      `static-auth-secret=${secret}`,
      'fingerprint',
      'no-cli',
      'no-tls',
      'no-dtls',
      'no-tcp-relay',
      'no-rfc5780',
      'no-stun-backward-compatibility',
      'no-software-attribute',
      'no-multicast-peers',
      'denied-peer-ip=0.0.0.0-0.255.255.255',
      'denied-peer-ip=10.0.0.0-10.255.255.255',
      'denied-peer-ip=100.64.0.0-100.127.255.255',
      'denied-peer-ip=127.0.0.0-127.255.255.255',
      'denied-peer-ip=169.254.0.0-169.254.255.255',
      'denied-peer-ip=172.16.0.0-172.31.255.255',
      'denied-peer-ip=192.168.0.0-192.168.255.255',
      'user-quota=4',
      'total-quota=32',
      'max-bps=262144',
      'stale-nonce=600',
    ];
    // A file of our own (not /etc/turnserver.conf), readable by us only: the secret stays off the command line.
    const config = join(this.dir, 'turnserver.conf');
    writeFileSync(config, `${options.join('\n')}\n`, { mode: 0o600 });
    const turn = this.spawn('public', 'turnserver', 'turnserver', ['-c', config]);
    await waitForFile(
      turn,
      log,
      (text) => text.includes('Relay ports initialization done') && text.includes(`UDP listener opened on: ${PUBLIC_ADDRESS}:${TURN_PORT}`),
      'coturn opened its relay ports and its UDP listener',
    );
    return turn;
  }

  /** Sitrep's standalone signaling server (`npm run signal`) on the public address; `allowOrigins` for a web build served here. */
  async startSignaling(allowOrigins: readonly string[] = []): Promise<{ process: LabProcess; url: string }> {
    const server = this.spawn('public', 'signaling server', process.execPath, [
      '--import',
      'tsx',
      'scripts/signal.ts',
      '--host',
      PUBLIC_ADDRESS,
      '--port',
      String(SIGNALING_PORT),
      ...allowOrigins.flatMap((origin) => ['--allow-origin', origin]),
    ]);
    const url = `ws://${PUBLIC_ADDRESS}:${SIGNALING_PORT}`;
    await server.waitForLine((line) => line.trim() === url, `the signaling server listened on ${url}`);
    return { process: server, url };
  }

  /**
   * The built web renderer (vite preview of `outDir`) on loopback inside a site's namespace: the page
   * comes from the member's own machine, as the desktop app's does, and is a secure context (Web
   * Crypto) there. Resolves with its URL once it listens.
   */
  async serveWebBuild(name: NamespaceName, outDir: string): Promise<{ process: LabProcess; url: string }> {
    const url = `http://127.0.0.1:${WEB_PORT}`;
    const server = this.spawn(
      name,
      `web build server in ${name}`,
      process.execPath,
      [
        'node_modules/vite/bin/vite.js',
        'preview',
        '--config',
        'vite.web.config.ts',
        '--host',
        '127.0.0.1',
        '--port',
        String(WEB_PORT),
        '--strictPort',
      ],
      { env: { ...process.env, SITREP_WEB_OUT: outDir, SITREP_WEB_PORT: String(WEB_PORT), NO_COLOR: '1' } },
    );
    await server.waitForLine((line) => line.includes(url), `the web build was served on ${url}`);
    return { process: server, url };
  }

  /**
   * An executable that runs `executable` inside a namespace, for Playwright's `executablePath`:
   * Playwright talks to the browser over a pipe, so the browser needs no network but its site's.
   */
  wrapperFor(name: NamespaceName, executable: string): string {
    const path = join(this.dir, `${basename(executable)}-in-${name}.sh`);
    const args = [...this.enterArgs(name), executable].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
    writeFileSync(path, `#!/bin/sh\nexec nsenter ${args} "$@"\n`, { mode: 0o755 });
    return path;
  }

  /** What coturn logged so far. */
  turnLog(): string {
    return this.turnLogPath && existsSync(this.turnLogPath) ? readFileSync(this.turnLogPath, 'utf8') : '';
  }

  /** Resolves with coturn's log once it satisfies `ready` (coturn writes it on its own schedule). */
  async waitForTurnLog(ready: (log: string) => boolean, what: string, safetyNetMs: number): Promise<string> {
    const turn = this.processes.find((process) => process.label === 'turnserver');
    if (!turn || !this.turnLogPath) throw new Error('coturn was not started.');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`coturn's log did not show that ${what} within ${safetyNetMs} ms:\n${this.turnLog().slice(-3000)}`)),
        safetyNetMs,
      );
    });
    try {
      await Promise.race([waitForFile(turn, this.turnLogPath, ready, what), hang]);
    } finally {
      clearTimeout(timer);
    }
    return this.turnLog();
  }

  async close(): Promise<void> {
    for (const process of this.processes) {
      if (!process.exited) process.child.kill('SIGTERM');
    }
    await Promise.all(
      this.processes.map((process) =>
        Promise.race([
          process.whenExited(),
          // A process that ignores SIGTERM is killed after a grace period.
          new Promise<void>((resolve) =>
            setTimeout(() => {
              if (!process.exited) process.child.kill('SIGKILL');
              resolve();
            }, 5000).unref(),
          ),
        ]),
      ),
    );
    // Closing a holder's stdin ends its `read`, and with it the namespace.
    for (const holder of [...this.holders.values()].reverse()) holder.stdin?.end();
    this.holders.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Resolves once the file's text satisfies `ready` (read again whenever the process prints or exits). */
function waitForFile(process: LabProcess, path: string, ready: (text: string) => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // coturn writes its log file, not stdout: look at the file at a steady pace until it is ready.
    const timer = setInterval(check, 100);
    // Never keeps the test process alive by itself (a wait given up on by its safety net).
    timer.unref();
    function check(): void {
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
      if (ready(text)) {
        clearInterval(timer);
        resolve();
      } else if (process.exited) {
        clearInterval(timer);
        reject(new Error(`${process.label} exited (${JSON.stringify(process.exited)}) before ${what}. Its log:\n${text.slice(-3000)}`));
      }
    }
    check();
  });
}
