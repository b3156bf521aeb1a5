import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  JOIN_CODE_PREFIX,
  JoinCodeError,
  MAX_SIGNALING_ADDRESSES,
  createRoomCredentials,
  crc32,
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
  signaling: ['ws://192.168.1.20:4444', 'wss://signal.example.org/sitrep'],
};

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
  const host = random() < 0.5 ? `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${index}` : `signal-${index}.example.org`;
  const address = `${scheme}://${host}:${1024 + Math.floor(random() * 60000)}`;
  const padLength = Math.floor(random() * 120);
  return `${address}/${'p'.repeat(padLength)}`;
}

// An encoder written independently of the one under test (bit strings, zlib's CRC-32), used to
// craft codes whose checksum is right but whose content is not.
function craftCode(content: number[]): string {
  const bytes = [...content];
  while ((bytes.length + 4) % 5 !== 0) bytes.push(0);
  const crc = zlibCrc32(Uint8Array.from(bytes));
  bytes.push(crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff);
  const bits = bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
  let body = '';
  for (let i = 0; i < bits.length; i += 5) body += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return `SITREP1-${body}`;
}

function header(count: number): number[] {
  return [...Array.from({ length: 32 }, (_, i) => i), count];
}

function withAddress(address: string): number[] {
  const utf8 = [...new TextEncoder().encode(address)];
  return [utf8.length, ...utf8];
}

describe('room credentials', () => {
  it('are 128-bit random hex strings, different every time', () => {
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
  it('carries random credentials and 1 to 8 signaling addresses', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 40; round++) {
      const count = (round % MAX_SIGNALING_ADDRESSES) + 1;
      const invitation: Invitation = {
        ...createRoomCredentials(),
        signaling: Array.from({ length: count }, (_, i) => randomAddress(random, i)),
      };
      const code = encodeJoinCode(invitation);
      expect(code.startsWith(JOIN_CODE_PREFIX)).toBe(true);
      expect(code).toMatch(/^SITREP1-[0-9A-HJKMNP-TV-Z]{1,5}(-[0-9A-HJKMNP-TV-Z]{1,5})*$/);
      expect(expectInvitation(parseJoinInput(code))).toEqual(invitation);
      expect(expectInvitation(decodeJoinCode(code))).toEqual(invitation);
    }
  });

  it('carries the longest allowed addresses, eight of them', () => {
    const longest = `wss://${'a'.repeat(188)}.org/x`;
    expect(longest).toHaveLength(200);
    const invitation = { ...sample, signaling: Array.from({ length: 8 }, () => longest) };
    expect(expectInvitation(parseJoinInput(encodeJoinCode(invitation)))).toEqual(invitation);
  });

  it('keeps non-ASCII host names intact', () => {
    const invitation = { ...sample, signaling: ['wss://bücher.example/signal'] };
    expect(expectInvitation(parseJoinInput(encodeJoinCode(invitation)))).toEqual(invitation);
  });

  it('reads codes made before base32 came from @scure/base, and still makes them alike', () => {
    // Made by the hand-written encoder of commit a10aac6, run before the change.
    const made = [
      {
        code: 'SITREP1-04HMA-SW9NF-6YY09-38NKR-KAYDX-ZZDSE-MRESA-3447Y-VJX9G-XJM68-8045K-QECX2-YBSH7-4S2WC-9P70Q-32BHJ-60X38-D1M6G-FQEWV-K78QJ-YWV9C-XQ62V-1ECNW-62VBG-DHJJW-VVJCW-QQ6TB-ME9JQ-00000-3FT0R-HM',
        invitation: sample,
      },
      {
        code: 'SITREP1-R3ZYW-060ZZ-Q01G7-ZXR0C-1ZZE0-2FRDM-41H16-7TSCT-5ZNA1-HATT0-AG24K-QECX2-YBSH6-0Q30B-HG5RV-KMD1M-6GT00-00001-D1BGS-F',
        invitation: {
          roomId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
          secret: '9f86d081884c7d659a2feaa0c55ad015',
          signaling: ['ws://10.0.0.7:4444'],
        },
      },
    ];
    for (const { code, invitation } of made) {
      expect(expectInvitation(parseJoinInput(code))).toEqual(invitation);
      // Typed in lower case with the look-alikes O for 0 and L for 1.
      expect(
        expectInvitation(
          parseJoinInput(
            code
              .toLowerCase()
              .replace(/0/g, 'o')
              .replace(/1(?!-)/g, 'l')
              .replace(/^sitrepl-/, 'sitrep1-'),
          ),
        ),
      ).toEqual(invitation);
      expect(encodeJoinCode(invitation)).toBe(code);
    }
  });

  it('uses a CRC-32 that agrees with zlib', () => {
    const random = seededRandom(11);
    for (let n = 0; n < 50; n++) {
      const bytes = Uint8Array.from({ length: n * 7 }, () => Math.floor(random() * 256));
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });
});

describe('what copy and paste does to a code', () => {
  const code = encodeJoinCode(sample);

  it('tolerates surrounding whitespace and line breaks anywhere', () => {
    const wrapped = code.match(/.{1,13}/g)?.join('\r\n') ?? '';
    expect(expectInvitation(parseJoinInput(`\n\t  ${wrapped}  \n`))).toEqual(sample);
    expect(expectInvitation(parseJoinInput(code.split('').join(' ')))).toEqual(sample);
  });

  it('tolerates lower case, missing dashes and typographic dashes', () => {
    expect(expectInvitation(parseJoinInput(code.toLowerCase()))).toEqual(sample);
    const [prefix, ...groups] = code.split('-');
    expect(expectInvitation(parseJoinInput(`${prefix}-${groups.join('')}`))).toEqual(sample);
    expect(expectInvitation(parseJoinInput(code.replace(/-/g, '\u2013')))).toEqual(sample);
  });

  it('tolerates zero-width characters and non-breaking spaces that chat apps insert', () => {
    const noisy = `\ufeff${code.slice(0, 20)}\u200b${code.slice(20, 40)}\u00a0${code.slice(40)}\u00ad`;
    expect(expectInvitation(parseJoinInput(noisy))).toEqual(sample);
  });

  it('reads I and L as 1 and O as 0, as Crockford base32 does', () => {
    const body = code.slice(JOIN_CODE_PREFIX.length);
    const misread = body.replace(/1/g, (_: string, i: number) => (i % 2 ? 'I' : 'l')).replace(/0/g, 'O');
    expect(misread).not.toBe(body); // the sample contains both digits
    expect(expectInvitation(parseJoinInput(JOIN_CODE_PREFIX + misread))).toEqual(sample);
  });
});

describe('link form', () => {
  it('round-trips through sitrep://join/', () => {
    const link = encodeJoinLink(sample);
    expect(link).toBe(`sitrep://join/${encodeJoinCode(sample)}`);
    expect(joinLinkForCode(encodeJoinCode(sample))).toBe(link);
    expect(expectInvitation(parseJoinInput(link))).toEqual(sample);
  });

  it('tolerates upper case, whitespace, line breaks and a trailing slash', () => {
    const link = encodeJoinLink(sample);
    expect(expectInvitation(parseJoinInput(`  ${link.toUpperCase()}/\n`))).toEqual(sample);
    expect(expectInvitation(parseJoinInput(link.replace('/join/', '/join/\n')))).toEqual(sample);
  });

  it('reports problems of the code inside the link', () => {
    expectProblem(parseJoinInput('sitrep://join/'), 'empty');
    expectProblem(parseJoinInput('sitrep://join/hello'), 'not-a-sitrep-code');
    const link = encodeJoinLink(sample);
    expectProblem(parseJoinInput(link.slice(0, -3)), 'truncated');
  });

  it('is not accepted by the plain code decoder', () => {
    expectProblem(decodeJoinCode(encodeJoinLink(sample)), 'not-a-sitrep-code');
  });
});

describe('every way a join code can be wrong', () => {
  const code = encodeJoinCode(sample);

  it('empty', () => {
    expectProblem(parseJoinInput(''), 'empty');
    expectProblem(parseJoinInput(' \n\t\r\n '), 'empty');
  });

  it('not a Sitrep code', () => {
    for (const text of ['hello', 'https://example.org/join/abc', 'SITREPORT-123', 'ws://10.0.0.1:4444']) {
      const message = expectProblem(parseJoinInput(text), 'not-a-sitrep-code');
      expect(message).toContain('SITREP1-');
    }
  });

  it('made by a newer version, or an unknown format', () => {
    const newer = expectProblem(parseJoinInput(code.replace('SITREP1-', 'SITREP2-')), 'unsupported-version');
    expect(newer).toMatch(/newer version of Sitrep/);
    expect(newer).toMatch(/Update Sitrep/);
    expectProblem(parseJoinInput(code.replace('SITREP1-', 'SITREP0-')), 'unsupported-version');
  });

  it('bad characters, named in the message', () => {
    const withU = `${code.slice(0, 12)}U${code.slice(13)}`;
    expect(expectProblem(parseJoinInput(withU), 'bad-characters')).toContain('"U"');
    const withStar = `${code.slice(0, 20)}*${code.slice(21)}`;
    expect(expectProblem(parseJoinInput(withStar), 'bad-characters')).toContain('"*"');
    const withEacute = `${code.slice(0, 20)}é${code.slice(21)}`;
    expect(expectProblem(parseJoinInput(withEacute), 'bad-characters')).toContain('U+00E9');
    // Upper-casing "ß" gives "SS", two valid characters: it must still be refused.
    expectProblem(parseJoinInput(`${code.slice(0, 20)}ß${code.slice(21)}`), 'bad-characters');
    expectProblem(parseJoinInput(`${code}.`), 'bad-characters');
  });

  it('truncated: cut off, or a character left out or added', () => {
    expectProblem(parseJoinInput('SITREP1'), 'truncated');
    expectProblem(parseJoinInput('SITREP1-'), 'truncated');
    expectProblem(parseJoinInput(code.slice(0, -1)), 'truncated');
    expectProblem(parseJoinInput(code.slice(0, code.length / 2)), 'truncated');
    expectProblem(parseJoinInput(code.slice(0, 30) + code.slice(31)), 'truncated');
    expectProblem(parseJoinInput(`${code}7`), 'truncated');
    // Whole groups of eight characters missing from the start: the length is plausible but too
    // short to hold even one address.
    expectProblem(parseJoinInput('SITREP1-0000000000000000'), 'truncated');
  });

  it('cut off at a length that happens to look whole is still caught by the checksum', () => {
    const body = code.slice(JOIN_CODE_PREFIX.length).replace(/-/g, '');
    const cut = body.slice(0, body.length - 8);
    expectProblem(parseJoinInput(JOIN_CODE_PREFIX + cut), 'checksum-mismatch');
  });

  it('malformed content behind a correct checksum', () => {
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
      const result = parseJoinInput(craftCode(content));
      expect(result.ok ? 'ok' : result.reason, what).toBe('malformed');
    }
    // The crafted encoder agrees with the real one on a valid payload.
    expect(expectInvitation(parseJoinInput(craftCode([...header(1), ...address])))).toEqual({
      roomId: '000102030405060708090a0b0c0d0e0f',
      secret: '101112131415161718191a1b1c1d1e1f',
      signaling: ['ws://10.0.0.1:4444'],
    });
  });

  it('checksum mismatch names mistyping and cutting off', () => {
    const body = code.slice(JOIN_CODE_PREFIX.length);
    const swapped = body[0] === 'A' ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    const message = expectProblem(parseJoinInput(JOIN_CODE_PREFIX + swapped), 'checksum-mismatch');
    expect(message).toMatch(/mistyped/);
    expect(message).toMatch(/cut off/);
  });

  it('a signaling address that is not ws:// or wss://, or not an address at all', () => {
    for (const address of ['http://10.0.0.1:4444', 'ws://', 'ws://exa mple', 'not a url', 'file:///etc/passwd']) {
      const message = expectProblem(parseJoinInput(craftCode([...header(1), ...withAddress(address)])), 'bad-signaling-address');
      expect(message).toMatch(/ws:\/\//);
    }
    // One good address does not excuse a bad one.
    const mixed = [...header(2), ...withAddress('ws://10.0.0.1:4444'), ...withAddress('https://x.org')];
    expectProblem(parseJoinInput(craftCode(mixed)), 'bad-signaling-address');
  });

  it('too long', () => {
    expectProblem(parseJoinInput('x'.repeat(100_000)), 'too-long');
    expectProblem(parseJoinInput(`SITREP1-${'0'.repeat(4000)}`), 'too-long');
    expectProblem(decodeJoinCode(`SITREP1-${'0'.repeat(4000)}`), 'too-long');
  });
});

describe('a single mistyped character is always a checksum mismatch', () => {
  it('at every position, with every other character of the alphabet', () => {
    for (const invitation of [sample, { ...sample, signaling: ['ws://a.b'] }]) {
      const body = encodeJoinCode(invitation).slice(JOIN_CODE_PREFIX.length).replace(/-/g, '');
      let tried = 0;
      for (let position = 0; position < body.length; position++) {
        for (const replacement of ALPHABET) {
          if (replacement === body[position]) continue;
          const typo = body.slice(0, position) + replacement + body.slice(position + 1);
          const result = parseJoinInput(JOIN_CODE_PREFIX + typo);
          expect(result.ok ? 'ok' : result.reason, `position ${position} -> ${replacement}`).toBe('checksum-mismatch');
          tried++;
        }
      }
      expect(tried).toBe(body.length * 31);
    }
  });

  it('including two neighbouring characters swapped', () => {
    const body = encodeJoinCode(sample).slice(JOIN_CODE_PREFIX.length).replace(/-/g, '');
    for (let position = 0; position + 1 < body.length; position++) {
      if (body[position] === body[position + 1]) continue;
      const swapped = body.slice(0, position) + body[position + 1] + body[position] + body.slice(position + 2);
      const result = parseJoinInput(JOIN_CODE_PREFIX + swapped);
      expect(result.ok ? 'ok' : result.reason, `swap at ${position}`).toBe('checksum-mismatch');
    }
  });
});

describe('encoding refuses invitations nobody could join', () => {
  function encodeProblem(invitation: Invitation): JoinCodeProblem {
    try {
      encodeJoinCode(invitation);
    } catch (error) {
      if (error instanceof JoinCodeError) return error.reason;
      throw error;
    }
    throw new Error('expected encodeJoinCode to throw');
  }

  it('without addresses, with too many, or with a bad one', () => {
    expect(encodeProblem({ ...sample, signaling: [] })).toBe('bad-signaling-address');
    expect(encodeProblem({ ...sample, signaling: Array.from({ length: 9 }, () => 'ws://a.b') })).toBe('too-long');
    expect(encodeProblem({ ...sample, signaling: ['http://10.0.0.1:4444'] })).toBe('bad-signaling-address');
    expect(encodeProblem({ ...sample, signaling: [`ws://${'a'.repeat(200)}`] })).toBe('bad-signaling-address');
    // 200 characters but more than 200 bytes of UTF-8.
    expect(encodeProblem({ ...sample, signaling: [`ws://${'ü'.repeat(195)}`] })).toBe('bad-signaling-address');
  });

  it('with credentials that createRoomCredentials would not make', () => {
    expect(encodeProblem({ ...sample, roomId: 'incident-42' })).toBe('malformed');
    expect(encodeProblem({ ...sample, secret: sample.secret.toUpperCase() })).toBe('malformed');
  });

  it('explains address problems in a sentence', () => {
    expect(signalingAddressProblem('ws://192.168.1.20:4444')).toBeNull();
    expect(signalingAddressProblem('wss://signal.example.org/room?x=1')).toBeNull();
    expect(signalingAddressProblem('http://192.168.1.20:4444')).toMatch(/ws:\/\/ or wss:\/\//);
    expect(signalingAddressProblem('')).toMatch(/empty/);
    expect(signalingAddressProblem('ws://a.b/\nx')).toMatch(/control characters/);
    expect(signalingAddressProblem('192.168.1.20:4444')).not.toBeNull();
  });
});
