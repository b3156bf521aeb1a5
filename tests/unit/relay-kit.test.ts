// The relay kit (relay/ and docs/relay.md): the coturn configuration, the container file and the
// systemd unit hold the lines the doc promises, and coturn itself reads the configuration without
// complaint, with every refused peer range and the bandwidth limits in force. coturn runs inside
// a loopback-only network namespace for a moment; that part skips, saying why, where coturn,
// unshare or openssl is missing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveTurnCredential } from '../../src/core/relay/turnCredentials';

const read = (path: string): string => readFileSync(path, 'utf8');
const conf = read('relay/turnserver.conf');
const unit = read('relay/sitrep-signal.service');
const containerfile = read('relay/Containerfile');
const doc = read('docs/relay.md');

/** The lines of a file that are not comments or blank. */
const directives = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

const PRIVATE_RANGES = [
  '0.0.0.0-0.255.255.255',
  '10.0.0.0-10.255.255.255',
  '100.64.0.0-100.127.255.255',
  '127.0.0.0-127.255.255.255',
  '169.254.0.0-169.254.255.255',
  '172.16.0.0-172.31.255.255',
  '192.168.0.0-192.168.255.255',
  '::1',
  '::ffff:0.0.0.0-::ffff:255.255.255.255',
  'fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  'fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
];

describe('relay/turnserver.conf', () => {
  const lines = directives(conf);

  it('accepts only time-limited credentials derived from a shared secret that the steps replace', () => {
    expect(lines).toContain('use-auth-secret');
    expect(lines).toContain('static-auth-secret=REPLACE_WITH_OPENSSL_RAND_HEX_32');
    expect(lines.some((line) => /^realm=\S+$/.test(line))).toBe(true);
    // No long-term users or anonymous access beside the secret.
    for (const forbidden of ['lt-cred-mech', 'no-auth', 'allow-loopback-peers', 'cli-password']) {
      expect(lines.filter((line) => line.split('=')[0] === forbidden)).toEqual([]);
    }
    expect(lines.filter((line) => line.startsWith('user='))).toEqual([]);
  });

  it('listens on 3478 and TLS on 5349 with a certificate, no CLI, fingerprints, old TLS off', () => {
    for (const line of ['listening-port=3478', 'tls-listening-port=5349', 'no-cli', 'fingerprint', 'no-tlsv1', 'no-tlsv1_1']) {
      expect(lines).toContain(line);
    }
    expect(lines.some((line) => line.startsWith('cert='))).toBe(true);
    expect(lines.some((line) => line.startsWith('pkey='))).toBe(true);
  });

  it('refuses private, loopback and link-local peers, so the relay cannot reach its own network', () => {
    const denied = lines.filter((line) => line.startsWith('denied-peer-ip=')).map((line) => line.slice('denied-peer-ip='.length));
    for (const range of PRIVATE_RANGES) expect(denied).toContain(range);
    // An allowed-peer-ip would punch a hole; it is only ever shown commented out, for the 1:1 NAT case.
    expect(lines.filter((line) => line.startsWith('allowed-peer-ip'))).toEqual([]);
  });

  it('caps allocations and bandwidth', () => {
    for (const key of ['user-quota', 'total-quota', 'max-bps', 'bps-capacity']) {
      expect(lines.some((line) => new RegExp(`^${key}=[1-9]\\d*$`).test(line))).toBe(true);
    }
  });
});

describe('relay/sitrep-signal.service', () => {
  const lines = directives(unit);

  it('runs npm run signal on every interface, restarted on failure', () => {
    expect(lines.some((line) => /^ExecStart=\S*npm run signal -- --host 0\.0\.0\.0\b/.test(line))).toBe(true);
    expect(lines).toContain('Restart=on-failure');
  });

  it('is hardened as docs/relay.md says', () => {
    for (const line of [
      'DynamicUser=yes',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX',
      'CapabilityBoundingSet=',
    ]) {
      expect(lines).toContain(line);
    }
    expect(lines.some((line) => /^MemoryMax=\d+[KMG]$/.test(line))).toBe(true);
  });
});

describe('relay/Containerfile', () => {
  const lines = directives(containerfile);

  it('builds on Node 22, installs with npm ci without Electron, runs npm run signal as a non-root user', () => {
    expect(lines[0]).toMatch(/^FROM \S*node:22\b/);
    expect(containerfile).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD=1/);
    expect(lines.some((line) => /^RUN npm ci\b/.test(line))).toBe(true);
    const user = lines.filter((line) => line.startsWith('USER '));
    expect(user).toEqual(['USER node']);
    // The user is set before the command runs.
    expect(lines.indexOf('USER node')).toBeLessThan(lines.findIndex((line) => line.startsWith('CMD ')));
    expect(lines.at(-1)).toBe('CMD ["npm", "run", "signal", "--", "--host", "0.0.0.0", "--port", "4444"]');
  });
});

describe('docs/relay.md', () => {
  it('promises only lines the files hold', () => {
    // The doc's list between the relay-promises markers: `file`: `line`, one per row.
    const block = doc.split('<!-- relay-promises -->')[1] ?? '';
    const promises = [...block.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)].map((match) => [match[1] ?? '', match[2] ?? ''] as const);
    expect(promises.length).toBeGreaterThanOrEqual(15);
    for (const [file, line] of promises) {
      expect(directives(read(file)), `${file} should hold "${line}"`).toContain(line);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// coturn reads the file

function missingTool(): string | null {
  for (const [tool, args] of [
    ['turnserver', ['-h']],
    ['unshare', ['--version']],
    ['openssl', ['version']],
    ['ip', ['-V']],
  ] as const) {
    const probe = spawnSync(tool, args, { stdio: 'ignore' });
    if (probe.error) return `${tool} is not installed`;
  }
  const namespace = spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
  if (namespace.status !== 0) return 'this machine does not allow unprivileged network namespaces';
  return null;
}

const skipReason = missingTool();

describe.skipIf(skipReason !== null)(`coturn reads relay/turnserver.conf${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('without a configuration error, refusing every private range, with the limits and the certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-relay-kit-'));
    try {
      const made = spawnSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=relay.test'].concat([
          '-keyout',
          join(dir, 'privkey.pem'),
          '-out',
          join(dir, 'fullchain.pem'),
        ]),
        { stdio: 'ignore' },
      );
      expect(made.status).toBe(0);
      // What the steps do: a real secret and realm, the certificate where it was put.
      const configured = conf
        .replace('REPLACE_WITH_OPENSSL_RAND_HEX_32', 'a'.repeat(64))
        .replace('realm=REPLACE.relay.example.org', 'realm=relay.test')
        .replaceAll('/etc/coturn/certs', dir);
      writeFileSync(join(dir, 'turnserver.conf'), configured);
      const output = await runCoturn(join(dir, 'turnserver.conf'), dir);

      expect(output).not.toMatch(/Bad configuration format|CONFIG ERROR|Unknown argument/i);
      for (const range of PRIVATE_RANGES) expect(output).toContain(`Black listing: ${range}\n`);
      expect(output).toContain('200000 bytes per second allowed per session');
      expect(output).toContain('20000000 bytes per second allowed, combined server capacity');
      expect(output).toContain('Default realm: relay.test');
      expect(output).toContain(`TLS1.2: Certificate file found: ${join(dir, 'fullchain.pem')}`);
      expect(output).not.toMatch(/cannot start TLS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe.skipIf(skipReason !== null || spawnSync('turnutils_uclient', [], { stdio: 'ignore' }).error !== undefined)(
  `coturn with relay/turnserver.conf${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it('relays with Sitrep-derived credentials from either secret while rotating, and refuses a wrong secret, an expired credential and a loopback peer', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-relay-kit-'));
      try {
        const [oldSecret, newSecret] = ['a1'.repeat(32), 'b2'.repeat(32)];
        const base = conf.replace('REPLACE_WITH_OPENSSL_RAND_HEX_32', oldSecret).replace('REPLACE.relay.example.org', 'relay.test');
        // As shipped: a member relaying to a loopback peer is refused.
        writeFileSync(join(dir, 'shipped.conf'), base.replaceAll('/etc/coturn/certs', dir));
        // For the credential checks only: peers on loopback let in (the namespace has nothing else), and
        // the rotation's second secret beside the first, as docs/relay.md says.
        writeFileSync(
          join(dir, 'rotating.conf'),
          `${base.replace('denied-peer-ip=127.0.0.0-127.255.255.255\n', '').replaceAll('/etc/coturn/certs', dir)}allow-loopback-peers\nstatic-auth-secret=${newSecret}\n`,
        );
        const now = Date.now();
        const fromOld = await deriveTurnCredential(oldSecret, 'check-old', { now, ttlSeconds: 600 });
        const fromNew = await deriveTurnCredential(newSecret, 'check-new', { now, ttlSeconds: 600 });
        const wrong = await deriveTurnCredential('c3'.repeat(32), 'check-wrong', { now, ttlSeconds: 600 });
        const expired = await deriveTurnCredential(oldSecret, 'check-expired', { now: now - 7200_000, ttlSeconds: 3600 });

        const shipped = uclientRuns(join(dir, 'shipped.conf'), dir, [fromOld]);
        expect(shipped[0]).toMatch(/403 \(Forbidden IP\)/);
        const [old, fresh, refused, late] = uclientRuns(join(dir, 'rotating.conf'), dir, [fromOld, fromNew, wrong, expired]);
        expect(old).toMatch(/Total lost packets 0 /);
        expect(fresh).toMatch(/Total lost packets 0 /);
        expect(refused).toMatch(/Cannot complete Allocation/);
        expect(refused).not.toMatch(/Total lost packets/);
        expect(late).toMatch(/Cannot complete Allocation/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  },
);

/**
 * In a loopback-only namespace: coturn with `config`, then turnutils_uclient sending a few
 * packets to itself through the relay with each credential; returns what each client said.
 */
function uclientRuns(config: string, dir: string, credentials: readonly { username: string; credential: string }[]): string[] {
  const script = [
    'ip link set lo up',
    'turnserver -c "$1" --listening-ip 127.0.0.1 --pidfile "$2/turn.pid" --db "$2/turndb" >"$2/turn.log" 2>&1 &',
    // A safety net of 10 s for coturn to open its ports; it is ready in well under one.
    'i=0; until grep -q "Relay ports initialization done" "$2/turn.log"; do i=$((i+1)); [ $i -gt 100 ] && break; sleep 0.1; done',
    'shift 2',
    'while [ $# -gt 0 ]; do echo "=== client"; timeout 15 turnutils_uclient -y -n 3 -u "$1" -w "$2" 127.0.0.1 2>&1; shift 2; done',
    'kill %1',
  ].join('\n');
  const args = credentials.flatMap((c) => [c.username, c.credential]);
  const run = spawnSync('unshare', ['-rn', 'sh', '-c', script, 'sh', config, dir, ...args], { encoding: 'utf8', timeout: 50_000 });
  if (run.error) throw run.error;
  const parts = run.stdout.split('=== client\n').slice(1);
  expect(parts, `one answer per client; coturn said:\n${run.stdout}${run.stderr}`).toHaveLength(credentials.length);
  return parts;
}

/** Starts coturn on loopback in a namespace of its own and returns what it logged up to having its relay ports ready. */
function runCoturn(config: string, dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // `unshare` and `sh -c exec` keep one process, so killing the child stops coturn.
    const child = spawn(
      'unshare',
      [
        '-rn',
        'sh',
        '-c',
        'ip link set lo up && exec turnserver -c "$1" --listening-ip 127.0.0.1 --pidfile "$2/turn.pid" --db "$2/turndb"',
        'sh',
        config,
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    // A safety net only: coturn is ready in well under a second.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`coturn did not get ready within 20 s; it said:\n${output}`));
    }, 20_000);
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Relay ports initialization done')) {
        clearTimeout(timer);
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (output.includes('Relay ports initialization done')) resolve(output);
      else reject(new Error(`coturn stopped before its relay ports were ready; it said:\n${output}`));
    });
  });
}
