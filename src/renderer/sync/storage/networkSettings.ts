// The network settings a room uses: extra signaling addresses and ICE (STUN/TURN) servers.
// Both are empty by default, so no third-party server is ever contacted unless configured.
import { MAX_SIGNALING_ADDRESSES, signalingAddressProblem } from '@core/joinCode';

/** One ICE server as RTCPeerConnection takes it. */
export interface IceServerSetting {
  readonly urls: string;
  readonly username?: string;
  readonly credential?: string;
}

export const MAX_ICE_SERVERS = 8;
const ICE_URL = /^(stun|stuns|turn|turns):[^\s]{1,200}$/;

/** Why this list of signaling addresses cannot be saved, or null. */
export function signalingListProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'Signaling addresses must be a list.';
  if (value.length > MAX_SIGNALING_ADDRESSES) return `At most ${MAX_SIGNALING_ADDRESSES} signaling addresses fit in a join code.`;
  for (const address of value) {
    if (typeof address !== 'string') return 'Each signaling address must be text.';
    const problem = signalingAddressProblem(address);
    if (problem) return problem;
  }
  if (new Set(value).size !== value.length) return 'The same signaling address is listed twice.';
  return null;
}

/** Why this list of ICE servers cannot be saved, or null. */
export function iceServersProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'ICE servers must be a list.';
  if (value.length > MAX_ICE_SERVERS) return `At most ${MAX_ICE_SERVERS} ICE servers can be configured.`;
  for (const server of value) {
    if (typeof server !== 'object' || server === null) return 'Each ICE server must have an address.';
    const { urls, username, credential } = server as Record<string, unknown>;
    if (typeof urls !== 'string' || !ICE_URL.test(urls)) {
      return `"${String(urls).slice(0, 60)}" is not a STUN or TURN address; it should look like stun:host:3478 or turn:host:3478.`;
    }
    if (username !== undefined && (typeof username !== 'string' || username.length > 200))
      return 'An ICE username must be text of at most 200 characters.';
    if (credential !== undefined && (typeof credential !== 'string' || credential.length > 200))
      return 'An ICE credential must be text of at most 200 characters.';
    if (urls.startsWith('turn') && (username === undefined || credential === undefined)) {
      return `The TURN server ${urls} needs a username and a credential.`;
    }
  }
  return null;
}

/**
 * Reads "stun:host:3478" or "turn:host:3478 user secret" lines as typed in the settings dialog.
 * Throws with a sentence naming the line when one does not fit.
 */
export function parseIceServerLines(text: string): IceServerSetting[] {
  const servers: IceServerSetting[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const [urls = '', username, credential, ...rest] = line.split(/\s+/);
    if (rest.length > 0) throw new Error(`Line ${index + 1}: expected an address, then optionally a username and a credential.`);
    const server: IceServerSetting =
      username === undefined ? { urls } : { urls, username, ...(credential === undefined ? {} : { credential }) };
    const problem = iceServersProblem([server]);
    if (problem) throw new Error(`Line ${index + 1}: ${problem}`);
    servers.push(server);
  });
  const problem = iceServersProblem(servers);
  if (problem) throw new Error(problem);
  return servers;
}

export function formatIceServerLines(servers: readonly IceServerSetting[]): string {
  return servers.map((s) => [s.urls, s.username, s.credential].filter((part) => part !== undefined).join(' ')).join('\n');
}
