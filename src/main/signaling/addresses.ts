// The ws:// addresses under which responders can reach a signaling server bound to a host.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '']);

export function signalingAddressesFor(host: string, port: number, interfaces: Interfaces = networkInterfaces()): string[] {
  if (!ANY_ADDRESS.has(host)) return [wsUrl(host, port)];
  // Bound to every interface: list what other machines can reach. Link-local addresses
  // (169.254.x.x) come last; they only matter when two laptops share a network without a router.
  const lan: string[] = [];
  const linkLocal: string[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      // Node before 18.4 reported the family as the number 4.
      const family: unknown = info.family;
      if (info.internal || (family !== 'IPv4' && family !== 4)) continue;
      (info.address.startsWith('169.254.') ? linkLocal : lan).push(info.address);
    }
  }
  const unique = [...new Set([...lan, ...linkLocal, '127.0.0.1'])];
  return unique.map((address) => wsUrl(address, port));
}

function wsUrl(host: string, port: number): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `ws://${bracketed}:${port}`;
}
