import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  JOIN_CODE_PREFIX,
  JoinCodeError,
  MAX_SIGNALING_ADDRESSES,
  createRoomCredentials,
  canonicalSignalingAddress,
  compareWithStoredRoom,
  hasChanges,
  readJoinInput,
  relayAddressProblem,
  relayInvitationProblem,
  sameChanges,
  decodeJoinCode,
  encodeJoinCode,
  encodeJoinLink,
  joinLinkForCode,
  parseJoinInput,
  signalingAddressProblem,
  type Invitation,
  type JoinCodeProblem,
  type JoinCodeResult,
} from '../../src/core/joinCode';
import { mulberry32 as seededRandom } from '../support/seededRandom';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const sample: Invitation = {
  roomId: '0123456789abcdef0123456789abcdef',
  secret: 'fedcba9876543210fedcba9876543210',
  signaling: ['ws://192.168.1.20:4444', 'wss://signal.example.org'],
};

const sampleCode = await encodeJoinCode(sample);

function expectProblem(result: JoinCodeResult, reason: JoinCodeProblem): string {
  if (result.ok) throw new Error(`expected ${reason}, got a valid invitation`);
  expect(result.reason).toBe(reason);
  expect(result.message.length).toBeGreaterThan(20);
  expect(result.message).toMatch(/[.!]$/);
  return result.message;
}

function expectInvitation(result: JoinCodeResult): Invitation {
  if (!result.ok) throw new Error(`expected an invitation, got ${result.reason}: ${result.message}`);
  return result.invitation;
}

function randomAddress(random: () => number, index: number): string {
  const scheme = random() < 0.5 ? 'ws' : 'wss';
  const padLength = Math.floor(random() * 60);
  const host =
    random() < 0.5
      ? `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${index}`
      : `${'p'.repeat(padLength)}signal-${index}.example.org`;
  return `${scheme}://${host}:${1024 + Math.floor(random() * 60000)}`;
}

// An encoder written independently of the one under test (bit strings, node:crypto's HMAC), used
// to craft codes whose tag is right but whose content is not. The tag is keyed by the secret in
// bytes 16..31 unless another key is given (a forger who does not hold the room secret).
function craftCode(content: number[], key?: Uint8Array): string {
  const bytes = [...content];
  while ((bytes.length + 10) % 5 !== 0) bytes.push(0);
  const hmac = createHmac('sha256', key ?? Uint8Array.from(bytes.slice(16, 32)));
  hmac.update('sitrep join code v2');
  hmac.update(Uint8Array.of(0));
  hmac.update(Uint8Array.from(bytes));
  bytes.push(...hmac.digest().subarray(0, 10));
  const bits = bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
  let body = '';
  for (let i = 0; i < bits.length; i += 5) body += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return `SITREP2-${body}`;
}

function header(count: number): number[] {
  return [...Array.from({ length: 32 }, (_, i) => i), count];
}

function hexBytes(text: string): number[] {
  return [...Buffer.from(text, 'hex')];
}

function withAddress(address: string): number[] {
  const utf8 = [...new TextEncoder().encode(address)];
  return [utf8.length, ...utf8];
}

describe('room credentials', () => {
  it('are 128-bit random hex strings, different every time', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const { roomId, secret } = createRoomCredentials();
      expect(roomId).toMatch(/^[0-9a-f]{32}$/);
      expect(secret).toMatch(/^[0-9a-f]{32}$/);
      expect(roomId).not.toBe(secret);
      seen.add(roomId).add(secret);
    }
    expect(seen.size).toBe(200);
  });
});

describe('join code round trip', () => {
  it('carries random credentials and 1 to 8 signaling addresses', async () => {
    const random = seededRandom(7);
    for (let round = 0; round < 40; round++) {
      const count = (round % MAX_SIGNALING_ADDRESSES) + 1;
      const invitation: Invitation = {
        ...createRoomCredentials(),
        signaling: Array.from({ length: count }, (_, i) => randomAddress(random, i)),
      };
      const code = await encodeJoinCode(invitation);
      expect(code.startsWith(JOIN_CODE_PREFIX)).toBe(true);
      expect(code).toMatch(/^SITREP2-[0-9A-HJKMNP-TV-Z]{1,5}(-[0-9A-HJKMNP-TV-Z]{1,5})*$/);
      expect(expectInvitation(await parseJoinInput(code))).toEqual(invitation);
      expect(expectInvitation(await decodeJoinCode(code))).toEqual(invitation);
    }
  });

  it('carries the longest allowed addresses, eight of them', async () => {
    const longest = `wss://${'a'.repeat(57)}.${'b'.repeat(63)}.${'c'.repeat(62)}.org:65535`;
    expect(longest).toHaveLength(200);
    const invitation = { ...sample, signaling: Array.from({ length: 8 }, () => longest) };
    expect(expectInvitation(await parseJoinInput(await encodeJoinCode(invitation)))).toEqual(invitation);
  });

  it('carries non-ASCII host names as punycode, the form the URL standard gives them', async () => {
    expect(canonicalSignalingAddress('wss://bücher.example')).toBe('wss://xn--bcher-kva.example');
    const invitation = { ...sample, signaling: ['wss://xn--bcher-kva.example'] };
    expect(expectInvitation(await parseJoinInput(await encodeJoinCode(invitation)))).toEqual(invitation);
  });

  it('makes the same code for the same invitation, and agrees with an encoder written apart', async () => {
    expect(await encodeJoinCode(sample)).toBe(sampleCode);
    const independent = craftCode([...hexBytes(sample.roomId), ...hexBytes(sample.secret), 2, ...sample.signaling.flatMap(withAddress)]);
    expect(sampleCode.replace(/-/g, '')).toBe(independent.replace(/-/g, ''));
  });

  it('refuses version 1 codes, whose CRC anyone could recompute, asking for a fresh code', async () => {
    // Made by the version 1 encoder (commit a10aac6) for the sample invitation of that time.
    const v1 =
      'SITREP1-04HMA-SW9NF-6YY09-38NKR-KAYDX-ZZDSE-MRESA-3447Y-VJX9G-XJM68-8045K-QECX2-YBSH7-4S2WC-9P70Q-32BHJ-60X38-D1M6G-FQEWV-K78QJ-YWV9C-XQ62V-1ECNW-62VBG-DHJJW-VVJCW-QQ6TB-ME9JQ-00000-3FT0R-HM';
    const message = expectProblem(await parseJoinInput(v1), 'outdated-version');
    expect(message).toMatch(/fresh code/);
    expect(message).toContain('SITREP2-');
    expectProblem(readJoinInput(v1), 'outdated-version');
  });
});

describe('what copy and paste does to a code', () => {
  const code = sampleCode;

  it('tolerates surrounding whitespace and line breaks anywhere', async () => {
    const wrapped = code.match(/.{1,13}/g)?.join('\r\n') ?? '';
    expect(expectInvitation(await parseJoinInput(`\n\t  ${wrapped}  \n`))).toEqual(sample);
    expect(expectInvitation(await parseJoinInput(code.split('').join(' ')))).toEqual(sample);
  });

  it('tolerates lower case, missing dashes and typographic dashes', async () => {
    expect(expectInvitation(await parseJoinInput(code.toLowerCase()))).toEqual(sample);
    const [prefix, ...groups] = code.split('-');
    expect(expectInvitation(await parseJoinInput(`${prefix}-${groups.join('')}`))).toEqual(sample);
    expect(expectInvitation(await parseJoinInput(code.replace(/-/g, '\u2013')))).toEqual(sample);
  });

  it('tolerates zero-width characters and non-breaking spaces that chat apps insert', async () => {
    const noisy = `\ufeff${code.slice(0, 20)}\u200b${code.slice(20, 40)}\u00a0${code.slice(40)}\u00ad`;
    expect(expectInvitation(await parseJoinInput(noisy))).toEqual(sample);
  });

  it('reads I and L as 1 and O as 0, as Crockford base32 does', async () => {
    const body = code.slice(JOIN_CODE_PREFIX.length);
    const misread = body.replace(/1/g, (_: string, i: number) => (i % 2 ? 'I' : 'l')).replace(/0/g, 'O');
    expect(misread).not.toBe(body); // the sample contains both digits
    expect(expectInvitation(await parseJoinInput(JOIN_CODE_PREFIX + misread))).toEqual(sample);
  });
});

describe('link form', () => {
  it('round-trips through sitrep://join/', async () => {
    const link = await encodeJoinLink(sample);
    expect(link).toBe(`sitrep://join/${await encodeJoinCode(sample)}`);
    expect(joinLinkForCode(await encodeJoinCode(sample))).toBe(link);
    expect(expectInvitation(await parseJoinInput(link))).toEqual(sample);
  });

  it('tolerates upper case, whitespace, line breaks and a trailing slash', async () => {
    const link = await encodeJoinLink(sample);
    expect(expectInvitation(await parseJoinInput(`  ${link.toUpperCase()}/\n`))).toEqual(sample);
    expect(expectInvitation(await parseJoinInput(link.replace('/join/', '/join/\n')))).toEqual(sample);
  });

  it('reports problems of the code inside the link', async () => {
    expectProblem(await parseJoinInput('sitrep://join/'), 'empty');
    expectProblem(await parseJoinInput('sitrep://join/hello'), 'not-a-sitrep-code');
    const link = await encodeJoinLink(sample);
    expectProblem(await parseJoinInput(link.slice(0, -3)), 'truncated');
  });

  it('is not accepted by the plain code decoder', async () => {
    expectProblem(await decodeJoinCode(await encodeJoinLink(sample)), 'not-a-sitrep-code');
  });
});

describe('every way a join code can be wrong', () => {
  const code = sampleCode;

  it('empty', async () => {
    expectProblem(await parseJoinInput(''), 'empty');
    expectProblem(await parseJoinInput(' \n\t\r\n '), 'empty');
  });

  it('not a Sitrep code', async () => {
    for (const text of ['hello', 'https://example.org/join/abc', 'SITREPORT-123', 'ws://10.0.0.1:4444']) {
      const message = expectProblem(await parseJoinInput(text), 'not-a-sitrep-code');
      expect(message).toContain('SITREP2-');
    }
  });

  it('made by a newer version, or an unknown format', async () => {
    const newer = expectProblem(await parseJoinInput(code.replace('SITREP2-', 'SITREP3-')), 'unsupported-version');
    expect(newer).toMatch(/newer version of Sitrep/);
    expect(newer).toMatch(/Update Sitrep/);
    expectProblem(await parseJoinInput(code.replace('SITREP2-', 'SITREP0-')), 'unsupported-version');
  });

  it('bad characters, named in the message', async () => {
    const withU = `${code.slice(0, 12)}U${code.slice(13)}`;
    expect(expectProblem(await parseJoinInput(withU), 'bad-characters')).toContain('"U"');
    const withStar = `${code.slice(0, 20)}*${code.slice(21)}`;
    expect(expectProblem(await parseJoinInput(withStar), 'bad-characters')).toContain('"*"');
    const withEacute = `${code.slice(0, 20)}é${code.slice(21)}`;
    expect(expectProblem(await parseJoinInput(withEacute), 'bad-characters')).toContain('U+00E9');
    // Upper-casing "ß" gives "SS", two valid characters: it must still be refused.
    expectProblem(await parseJoinInput(`${code.slice(0, 20)}ß${code.slice(21)}`), 'bad-characters');
    expectProblem(await parseJoinInput(`${code}.`), 'bad-characters');
  });

  it('truncated: cut off, or a character left out or added', async () => {
    expectProblem(await parseJoinInput('SITREP2'), 'truncated');
    expectProblem(await parseJoinInput('SITREP2-'), 'truncated');
    expectProblem(await parseJoinInput(code.slice(0, -1)), 'truncated');
    expectProblem(await parseJoinInput(code.slice(0, code.length / 2)), 'truncated');
    expectProblem(await parseJoinInput(code.slice(0, 30) + code.slice(31)), 'truncated');
    expectProblem(await parseJoinInput(`${code}7`), 'truncated');
    // Whole groups of eight characters missing from the start: the length is plausible but too
    // short to hold even one address.
    expectProblem(await parseJoinInput('SITREP2-0000000000000000'), 'truncated');
  });

  it('cut off at a length that happens to look whole is still caught by the tag', async () => {
    const body = code.slice(JOIN_CODE_PREFIX.length).replace(/-/g, '');
    const cut = body.slice(0, body.length - 8);
    expectProblem(await parseJoinInput(JOIN_CODE_PREFIX + cut), 'not-authentic');
  });

  it('malformed content behind a correct tag', async () => {
    const address = withAddress('ws://10.0.0.1:4444');
    const cases: Record<string, number[]> = {
      'no addresses': header(0),
      'nine addresses': [...header(9), ...Array.from({ length: 9 }, () => address).flat()],
      'an address longer than the code': [...header(1), 120, ...address.slice(1)],
      'an empty address': [...header(1), 0, ...address],
      'invalid UTF-8': [...header(1), 3, 0xc3, 0x28, 0xff],
      'bytes after the addresses': [...header(1), ...address, 1, 2, 3, 4, 5, 6],
    };
    for (const [what, content] of Object.entries(cases)) {
      const result = await parseJoinInput(craftCode(content));
      expect(result.ok ? 'ok' : result.reason, what).toBe('malformed');
    }
    // The crafted encoder agrees with the real one on a valid payload.
    expect(expectInvitation(await parseJoinInput(craftCode([...header(1), ...address])))).toEqual({
      roomId: '000102030405060708090a0b0c0d0e0f',
      secret: '101112131415161718191a1b1c1d1e1f',
      signaling: ['ws://10.0.0.1:4444'],
    });
  });

  it('a tag that does not check out names mistyping, cutting off and altering', async () => {
    const body = code.slice(JOIN_CODE_PREFIX.length);
    const swapped = body[0] === 'A' ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    const message = expectProblem(await parseJoinInput(JOIN_CODE_PREFIX + swapped), 'not-authentic');
    expect(message).toMatch(/mistyped/);
    expect(message).toMatch(/cut off/);
  });

  it('a signaling address that is not ws:// or wss://, or not an address at all', async () => {
    for (const address of ['http://10.0.0.1:4444', 'ws://', 'ws://exa mple', 'not-a-url', 'file:///etc/passwd']) {
      const message = expectProblem(await parseJoinInput(craftCode([...header(1), ...withAddress(address)])), 'bad-signaling-address');
      expect(message).toMatch(/ws:\/\//);
    }
    // One good address does not excuse a bad one.
    const mixed = [...header(2), ...withAddress('ws://10.0.0.1:4444'), ...withAddress('https://x.org')];
    expectProblem(await parseJoinInput(craftCode(mixed)), 'bad-signaling-address');
  });

  it('a signaling address that is not canonical: each problem named', async () => {
    const cases: [string, RegExp][] = [
      ['ws://alice:hunter2@10.0.0.1:4444', /user name or password/],
      ['ws://eve@10.0.0.1:4444', /user name or password/],
      ['ws://10.0.0.1:4444/evil', /has a path \(\/evil\)/],
      ['ws://10.0.0.1:4444/', /write it as ws:\/\/10\.0\.0\.1:4444\./],
      ['ws://10.0.0.1:4444?room=x', /has a query/],
      ['ws://10.0.0.1:4444#x', /has a fragment/],
      ['WS://Signal.Example.org:4444', /write it as ws:\/\/signal\.example\.org:4444\./],
      ['ws://10.0.0.1:80', /write it as ws:\/\/10\.0\.0\.1\./],
      ['wss://bücher.example', /write it as wss:\/\/xn--bcher-kva\.example\./],
    ];
    for (const [address, expected] of cases) {
      const message = expectProblem(await parseJoinInput(craftCode([...header(1), ...withAddress(address)])), 'bad-signaling-address');
      expect(message, address).toMatch(expected);
      expect(signalingAddressProblem(address), address).toMatch(expected);
    }
    expect(canonicalSignalingAddress('ws://10.0.0.1:4444/')).toBe('ws://10.0.0.1:4444');
    expect(canonicalSignalingAddress('ws://[::1]:4444')).toBe('ws://[::1]:4444');
    expect(signalingAddressProblem('ws://[::1]:4444')).toBeNull();
    expect(canonicalSignalingAddress('ws://u:p@10.0.0.1:4444')).toBeNull();
  });

  it('too long', async () => {
    expectProblem(await parseJoinInput('x'.repeat(100_000)), 'too-long');
    expectProblem(await parseJoinInput(`SITREP2-${'0'.repeat(4000)}`), 'too-long');
    expectProblem(await decodeJoinCode(`SITREP2-${'0'.repeat(4000)}`), 'too-long');
  });
});

describe('a single mistyped character never passes the tag', () => {
  it('at every position, with every other character of the alphabet', async () => {
    for (const invitation of [sample, { ...sample, signaling: ['ws://a.b'] }]) {
      const body = (await encodeJoinCode(invitation)).slice(JOIN_CODE_PREFIX.length).replace(/-/g, '');
      let tried = 0;
      for (let position = 0; position < body.length; position++) {
        for (const replacement of ALPHABET) {
          if (replacement === body[position]) continue;
          const typo = body.slice(0, position) + replacement + body.slice(position + 1);
          const result = await parseJoinInput(JOIN_CODE_PREFIX + typo);
          expect(result.ok ? 'ok' : result.reason, `position ${position} -> ${replacement}`).toBe('not-authentic');
          tried++;
        }
      }
      expect(tried).toBe(body.length * 31);
    }
  });

  it('including two neighbouring characters swapped', async () => {
    const body = (await encodeJoinCode(sample)).slice(JOIN_CODE_PREFIX.length).replace(/-/g, '');
    for (let position = 0; position + 1 < body.length; position++) {
      if (body[position] === body[position + 1]) continue;
      const swapped = body.slice(0, position) + body[position + 1] + body[position] + body.slice(position + 2);
      const result = await parseJoinInput(JOIN_CODE_PREFIX + swapped);
      expect(result.ok ? 'ok' : result.reason, `swap at ${position}`).toBe('not-authentic');
    }
  });
});

describe('encoding refuses invitations nobody could join', () => {
  async function encodeProblem(invitation: Invitation): Promise<JoinCodeProblem> {
    try {
      await encodeJoinCode(invitation);
    } catch (error) {
      if (error instanceof JoinCodeError) return error.reason;
      throw error;
    }
    throw new Error('expected encodeJoinCode to throw');
  }

  it('without addresses, with too many, or with a bad one', async () => {
    expect(await encodeProblem({ ...sample, signaling: [] })).toBe('bad-signaling-address');
    expect(await encodeProblem({ ...sample, signaling: Array.from({ length: 9 }, () => 'ws://a.b') })).toBe('too-long');
    expect(await encodeProblem({ ...sample, signaling: ['http://10.0.0.1:4444'] })).toBe('bad-signaling-address');
    expect(await encodeProblem({ ...sample, signaling: [`ws://${'a'.repeat(200)}`] })).toBe('bad-signaling-address');
    // 200 characters but more than 200 bytes of UTF-8.
    expect(await encodeProblem({ ...sample, signaling: [`ws://${'ü'.repeat(195)}`] })).toBe('bad-signaling-address');
  });

  it('with credentials that createRoomCredentials would not make', async () => {
    expect(await encodeProblem({ ...sample, roomId: 'incident-42' })).toBe('malformed');
    expect(await encodeProblem({ ...sample, secret: sample.secret.toUpperCase() })).toBe('malformed');
  });

  it('explains address problems in a sentence', async () => {
    expect(signalingAddressProblem('ws://192.168.1.20:4444')).toBeNull();
    expect(signalingAddressProblem('wss://signal.example.org')).toBeNull();
    expect(signalingAddressProblem('http://192.168.1.20:4444')).toMatch(/ws:\/\/ or wss:\/\//);
    expect(signalingAddressProblem('')).toMatch(/empty/);
    expect(signalingAddressProblem('ws://a.b/\nx')).toMatch(/control characters/);
    expect(signalingAddressProblem('192.168.1.20:4444')).not.toBeNull();
  });
});

describe('a code that cannot be forged', () => {
  const forgerKey = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
  const content = (address: string, secret = sample.secret) => [
    ...hexBytes(sample.roomId),
    ...hexBytes(secret),
    1,
    ...withAddress(address),
  ];

  it('a tag made without the room secret is refused, whatever the rest says', async () => {
    // The forger knows the room id (discovery announces it) and the secret's position, not the secret.
    const forged = craftCode(content('ws://203.0.113.66:4444'), forgerKey);
    expectProblem(await parseJoinInput(forged), 'not-authentic');
    // Read without the tag (as main reads a deep link), it looks fine: the tag is what refuses it.
    expect(readJoinInput(forged).ok).toBe(true);
    // The same content with the right key passes, so the refusal is the key's doing.
    expect(expectInvitation(await parseJoinInput(craftCode(content('ws://203.0.113.66:4444'))))).toMatchObject({ roomId: sample.roomId });
  });

  it('an address changed inside a genuine code is refused (a CRC would have been recomputed)', async () => {
    const genuine = craftCode(content('ws://10.0.0.1:4444'));
    const bits = (text: string) => base32Bits(text.slice(JOIN_CODE_PREFIX.length));
    // Same length address, one digit changed: rewrite the bytes but keep the genuine tag.
    const tamperedBytes = [...content('ws://10.0.0.9:4444')];
    while ((tamperedBytes.length + 10) % 5 !== 0) tamperedBytes.push(0);
    const genuineTag = bitsToBytes(bits(genuine)).slice(-10);
    const tampered = `SITREP2-${bytesToBase32([...tamperedBytes, ...genuineTag])}`;
    expectProblem(await parseJoinInput(tampered), 'not-authentic');
  });

  it('a code with a new secret is only as good as its maker: it must be confirmed for a known room', async () => {
    const stored = { secret: sample.secret, signaling: ['ws://192.168.1.20:4444'] };
    // Genuine, same room, same secret, same addresses: nothing to ask.
    expect(hasChanges(compareWithStoredRoom(stored, { ...sample, signaling: ['ws://192.168.1.20:4444'] }))).toBe(false);
    // A forger who knows only the room id makes a valid code under a secret of their own.
    const forged = expectInvitation(await parseJoinInput(craftCode(content('ws://203.0.113.66:4444', 'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf'))));
    const changes = compareWithStoredRoom(stored, forged);
    expect(changes).toEqual({
      secretChanged: true,
      addedAddresses: ['ws://203.0.113.66:4444'],
      removedAddresses: ['ws://192.168.1.20:4444'],
    });
    expect(hasChanges(changes)).toBe(true);
    // A member's code that only moves addresses still asks.
    const moved = compareWithStoredRoom(stored, { ...sample, signaling: ['ws://192.168.1.20:4444', 'ws://10.0.0.5:4444'] });
    expect(moved).toEqual({ secretChanged: false, addedAddresses: ['ws://10.0.0.5:4444'], removedAddresses: [] });
    expect(sameChanges(moved, moved)).toBe(true);
    expect(sameChanges(moved, changes)).toBe(false);
  });
});

function base32Bits(body: string): string {
  return [...body.replace(/-/g, '')].map((ch) => ALPHABET.indexOf(ch).toString(2).padStart(5, '0')).join('');
}

function bitsToBytes(bits: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return bytes;
}

function bytesToBase32(bytes: number[]): string {
  const bits = bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
  let body = '';
  for (let i = 0; i < bits.length; i += 5) body += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return body;
}

describe('the relay section', () => {
  const SECRET = 'north-sea-relay-3f1c9e07d2b84a65';
  const expiresAt = 1_790_000_000;
  const relay = {
    url: 'turns:relay.example.org:5349',
    username: `${expiresAt}:joiner`,
    credential: createHmac('sha1', SECRET).update(`${expiresAt}:joiner`).digest('base64'),
    expiresAt,
  };
  const withRelay: Invitation = { ...sample, relay };

  /** The relay section's bytes as docs/protocol.md lays them out, written independently of the encoder. */
  function relayBytes(url: string, expiry: number, name: string, credential: Buffer): number[] {
    const expiryBytes = [24, 16, 8, 0].map((shift) => (expiry >>> shift) & 0xff);
    return [1, url.length, ...Buffer.from(url), ...expiryBytes, name.length, ...Buffer.from(name), ...credential];
  }

  it('round-trips the address and the time-limited credential; a code without it reads as before', async () => {
    const code = await encodeJoinCode(withRelay);
    expect(expectInvitation(await parseJoinInput(code))).toEqual(withRelay);
    expect(expectInvitation(await parseJoinInput(sampleCode))).toEqual(sample);
    expect(expectInvitation(await parseJoinInput(sampleCode)).relay).toBeUndefined();
    // The same code with the relay is the old code plus the section: nothing before it moved.
    expect(code.length).toBeGreaterThan(sampleCode.length);
  });

  it('is laid out byte for byte as documented, after the addresses', async () => {
    const content = [
      ...hexBytes(sample.roomId),
      ...hexBytes(sample.secret),
      2,
      ...withAddress(sample.signaling[0]!),
      ...withAddress(sample.signaling[1]!),
      ...relayBytes(relay.url, expiresAt, 'joiner', Buffer.from(relay.credential, 'base64')),
    ];
    // Dashes aside (the crafted code has none), the encoder writes exactly these bytes.
    expect((await encodeJoinCode(withRelay)).replace(/-/g, '')).toBe(craftCode(content).replace(/-/g, ''));
  });

  it('never carries anything but the derived credential', async () => {
    const code = await encodeJoinCode(withRelay);
    const reading = readJoinInput(code);
    if (!reading.ok) throw new Error(reading.message);
    const bytes = Buffer.from(reading.signed);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    await expect(encodeJoinCode({ ...sample, relay: { ...relay, credential: SECRET } })).rejects.toThrow(/base64 HMAC-SHA1/);
  });

  it.each([
    ['turn:relay.example.org', /has no port/],
    ['turn://relay.example.org:3478', /has "\/\/"/],
    ['stun:relay.example.org:3478', /does not start with turn: or turns:/],
    ['turn:user@relay.example.org:3478', /user name or a "\?" part/],
    ['turn:relay.example.org:3478?transport=tcp', /user name or a "\?" part/],
    ['turn:Relay.Example.org:3478', /not a lower-case host name/],
    ['turn:relay.example.org:70000', /a port is from 1 to 65535/],
    ['', /is empty/],
  ])('refuses the relay address %j with a sentence', (address, message) => {
    expect(relayAddressProblem(address)).toMatch(message);
  });

  it('accepts host names, IPv4 and bracketed IPv6 with a port', () => {
    for (const address of [
      'turn:relay.example.org:3478',
      'turns:relay.example.org:5349',
      'turn:203.0.113.7:3478',
      'turn:[2001:db8::7]:3478',
    ]) {
      expect(relayAddressProblem(address)).toBeNull();
    }
  });

  it('refuses to encode a credential that is not time-limited, or a name that could not read back', async () => {
    await expect(encodeJoinCode({ ...sample, relay: { ...relay, username: 'joiner' } })).rejects.toThrow(/time-limited/);
    await expect(encodeJoinCode({ ...sample, relay: { ...relay, username: `${expiresAt + 1}:joiner` } })).rejects.toThrow(/time-limited/);
    await expect(encodeJoinCode({ ...sample, relay: { ...relay, username: `${expiresAt}:jo iner` } })).rejects.toThrow(/letters, digits/);
    await expect(encodeJoinCode({ ...sample, relay: { ...relay, url: 'turn:relay' } })).rejects.toMatchObject({ reason: 'bad-relay' });
  });

  it('a damaged or unusable section is refused with its own message', async () => {
    const base = [...hexBytes(sample.roomId), ...hexBytes(sample.secret), 1, ...withAddress('ws://127.0.0.1:4444')];
    const credential = Buffer.alloc(20, 7);
    // Cut inside the credential: damaged.
    expectProblem(
      await parseJoinInput(craftCode([...base, ...relayBytes(relay.url, expiresAt, 'joiner', credential).slice(0, -5)])),
      'malformed',
    );
    // A name outside the allowed characters, and an unknown section type.
    expectProblem(await parseJoinInput(craftCode([...base, ...relayBytes(relay.url, expiresAt, 'jo iner', credential)])), 'malformed');
    expectProblem(await parseJoinInput(craftCode([...base, 2, 1, 1])), 'malformed');
    // An address that is not a relay address: named.
    const message = expectProblem(
      await parseJoinInput(craftCode([...base, ...relayBytes('stun:relay.example.org:3478', expiresAt, 'joiner', credential)])),
      'bad-relay',
    );
    expect(message).toMatch(/does not start with turn: or turns:.*Ask the member who shared the code/);
  });

  it('an expired credential is named with its expiry; a valid one is not a problem', () => {
    expect(relayInvitationProblem(relay, expiresAt * 1000 - 1)).toBeNull();
    expect(relayInvitationProblem(relay, expiresAt * 1000)).toBe(
      "The relay credential in this join code expired on 2026-09-21 14:13 UTC. The code still works on the same network as the room's members; from another network, ask a member for a fresh code from the Invite dialog.",
    );
  });

  it('still fits in a deep link with eight of the longest addresses and the longest relay', async () => {
    const longest = `wss://${'a'.repeat(57)}.${'b'.repeat(63)}.${'c'.repeat(62)}.org:65535`;
    const signaling = Array.from({ length: 8 }, (_, i) => longest.replace('a', String(i)));
    const url = `turns:${'r'.repeat(60)}.${'e'.repeat(60)}.${'l'.repeat(60)}.org:65535`;
    const big: Invitation = { ...sample, signaling, relay: { ...relay, url, username: `${expiresAt}:${'n'.repeat(64)}`, expiresAt } };
    const code = await encodeJoinCode(big);
    expect(expectInvitation(await parseJoinInput(code))).toEqual(big);
    expect(code.length).toBeLessThan(4096);
  });
});
