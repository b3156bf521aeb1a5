// The ws:// addresses a hosted room is reachable at, in the form and order a join code wants them:
// canonical (as the join code writes them), LAN first, loopback last, at most a join code's worth.
import type { NetworkInterfaceInfo } from 'node:os';
import { MAX_HOSTED_ADDRESSES } from '../../shared/ipc';

export type NetworkInterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

const ANY_IPV4 = new Set(['0.0.0.0', '']);
const ANY_IPV6 = '::';

/**
 * Bound to one address: that address. Bound to every interface: the laptop's IPv4 addresses other
 * machines can reach, then (only for a dual-stack bind on ::) its global and unique-local IPv6
 * addresses, then IPv4 link-local (169.254.x.x, two laptops cabled without a router), and
 * ws://127.0.0.1 always, last, so a code made on this laptop also works here. IPv6 link-local
 * addresses are left out: they need a zone (%eth0) that a ws:// address cannot carry.
 */
export function hostedAddresses(bindHost: string, port: number, interfaces: NetworkInterfaceTable, max = MAX_HOSTED_ADDRESSES): string[] {
  if (!ANY_IPV4.has(bindHost) && bindHost !== ANY_IPV6) return [canonicalWsUrl(bindHost, port)];
  const lan: string[] = [];
  const ipv6: string[] = [];
  const linkLocal: string[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      // Node before 18.4 reported the family as a number.
      const family: unknown = info.family;
      if (family === 'IPv4' || family === 4) {
        (info.address.startsWith('169.254.') ? linkLocal : lan).push(info.address);
      } else if ((family === 'IPv6' || family === 6) && bindHost === ANY_IPV6 && reachableIpv6(info.address)) {
        ipv6.push(info.address);
      }
    }
  }
  const loopback = canonicalWsUrl('127.0.0.1', port);
  const unique = [...new Set([...lan, ...ipv6, ...linkLocal].map((address) => canonicalWsUrl(address, port)))].filter(
    (url) => url !== loopback,
  );
  return [...unique.slice(0, Math.max(0, max - 1)), loopback];
}

/** Not link-local (fe80::/10), not loopback, not an IPv4 address in IPv6 clothing, no zone. */
function reachableIpv6(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower.includes('%') || lower === '::1' || lower === '::') return false;
  if (/^fe[89ab]/.test(lower)) return false;
  return !lower.startsWith('::ffff:');
}

/** The way src/core/joinCode.ts writes an address (what `new URL` makes of it): no default port, IPv6 bracketed and compressed. */
export function canonicalWsUrl(host: string, port: number): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const url = new URL(`ws://${bracketed}:${port}`);
  return `${url.protocol}//${url.host}`;
}
