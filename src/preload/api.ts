// Builds `window.sitrep` from the shared contract, so it can only ever expose the contract's calls.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  isMenuCommand,
  MAX_JOIN_LINK_CODE_LENGTH,
  SITREP_API_CHANNELS,
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
  };
}
