// Builds `window.sitrep` from the shared contract, so it can only ever expose the contract's calls.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  isMenuCommand,
  MAX_HOSTED_ADDRESSES,
  MAX_HOSTED_ROOMS_IN_EVENT,
  MAX_JOIN_LINK_CODE_LENGTH,
  SITREP_API_CHANNELS,
  type HostingChanged,
  type IpcChannel,
  type MenuCommand,
  type SitrepApi,
  type SitrepInvokeApi,
} from '../shared/ipc';

type Invoker = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function buildSitrepApi(ipc: Invoker): SitrepApi {
  const invokeApi = Object.fromEntries(
    Object.entries(SITREP_API_CHANNELS).map(([method, channel]: [string, IpcChannel]) => [
      method,
      // Only the arguments cross; never hand the renderer the IpcRenderer or an event object.
      (...args: unknown[]) => ipc.invoke(channel, ...args),
    ]),
  ) as SitrepInvokeApi;

  return {
    ...invokeApi,
    onMenuCommand(listener: (command: MenuCommand) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a listener function');
      const relay = (_event: IpcRendererEvent, command: unknown): void => {
        if (isMenuCommand(command)) listener(command);
        else console.error('[sitrep] ignored an unknown menu command:', command);
      };
      ipc.on('menu:command', relay);
      return () => {
        ipc.removeListener('menu:command', relay);
      };
    },
    onJoinLink(listener: (code: string) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onJoinLink needs a listener function');
      const relay = (_event: IpcRendererEvent, code: unknown): void => {
        if (typeof code === 'string' && code.length > 0 && code.length <= MAX_JOIN_LINK_CODE_LENGTH) listener(code);
        else console.error('[sitrep] ignored a join link that is not a code');
      };
      ipc.on('deep-link:join', relay);
      return () => {
        ipc.removeListener('deep-link:join', relay);
      };
    },
    onHostingChanged(listener: (change: HostingChanged) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onHostingChanged needs a listener function');
      const relay = (_event: IpcRendererEvent, change: unknown): void => {
        const read = readHostingChanged(change);
        if (read !== null) listener(read);
        else console.error('[sitrep] ignored a hosting change that does not fit its shape');
      };
      ipc.on('lan:hosting-changed', relay);
      return () => {
        ipc.removeListener('lan:hosting-changed', relay);
      };
    },
  };
}

const ROOM_ID = /^[0-9a-f]{32}$/;
const HOSTED_ADDRESS = /^ws:\/\/[0-9a-z.:[\]]{1,60}$/;

/** A fresh copy of main's hosting event when it has the contract's shape and bounds, else null. */
export function readHostingChanged(value: unknown): HostingChanged | null {
  if (typeof value !== 'object' || value === null) return null;
  const rooms: unknown = (value as { rooms?: unknown }).rooms;
  if (!Array.isArray(rooms) || rooms.length > MAX_HOSTED_ROOMS_IN_EVENT) return null;
  const read: HostingChanged = { rooms: [] };
  for (const room of rooms) {
    if (typeof room !== 'object' || room === null) return null;
    const { roomId, addresses } = room as { roomId?: unknown; addresses?: unknown };
    if (typeof roomId !== 'string' || !ROOM_ID.test(roomId)) return null;
    if (!Array.isArray(addresses) || addresses.length > MAX_HOSTED_ADDRESSES) return null;
    if (!addresses.every((address) => typeof address === 'string' && HOSTED_ADDRESS.test(address))) return null;
    read.rooms.push({ roomId, addresses: [...addresses] });
  }
  return read;
}
