// Which "sender" a connection counts against for per-address limits, and which browser origins
// may connect at all.
import { isIP } from 'node:net';

/**
 * The key per-address limits are kept under. IPv4 (also written IPv4-mapped, ::ffff:a.b.c.d) is the
 * address itself. IPv6 is its /64 network: one machine can pick any address in its /64 at will,
 * so counting single IPv6 addresses would let it multiply its allowance.
 */
export function addressKey(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined || remoteAddress === '') return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(remoteAddress);
  if (mapped) return mapped[1] as string;
  if (isIP(remoteAddress) !== 6) return remoteAddress;
  if (remoteAddress === '::1') return remoteAddress;
  const groups = expandIPv6(remoteAddress.split('%')[0] as string);
  return groups === null ? remoteAddress : `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] | null {
  const [head, tail, extra] = address.split('::');
  if (extra !== undefined) return null;
  const left = head === '' || head === undefined ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::a.b.c.d) counts as two groups.
  const last = right.at(-1) ?? left.at(-1);
  const v4Groups = last?.includes('.') ? 1 : 0;
  const missing = 8 - left.length - right.length - v4Groups;
  if (tail === undefined && missing !== 0) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return groups.map((group) => (group.includes('.') ? group : group.toLowerCase().replace(/^0+(?=.)/, '')));
}

/**
 * Origins a browser sends for Sitrep's own pages: the desktop app loads its page from a file, for
 * which Chromium sends "null" (older versions "file://"), and non-browser clients (Node, tests,
 * the standalone tools) send none. A page served from this very machine's loopback (the dev
 * server on localhost:5173, a local web build) is allowed too: a network attacker cannot give a
 * page a loopback origin, since a browser names the page's own host, whatever it resolves to.
 */
export function isOwnAppOrigin(origin: string | undefined): boolean {
  if (origin === undefined || origin === '' || origin === 'null' || origin === 'file://') return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(url.hostname);
}

/** Normalises an origin given on the command line or in options (scheme://host[:port], no path). */
export function parseAllowedOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RangeError(`"${text}" is not an origin; write it as scheme://host[:port], for example https://sitrep.example.org.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RangeError(`"${text}" is not an http or https origin.`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new RangeError(`"${text}" has more than scheme, host and port; an origin is only those.`);
  }
  return url.origin;
}

/**
 * This machine itself: the commander's own app (and, in tests, every peer of a loopback-only
 * network namespace). Anything running here could stop the server outright, so per-sender limits
 * would only get in the way of honest use; other 127.x addresses are treated as strangers.
 */
export function isThisMachine(address: string): boolean {
  return address === '127.0.0.1' || address === '::1';
}
