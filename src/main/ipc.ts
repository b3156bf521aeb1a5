// Registers the contract's handlers on ipcMain, behind a sender-frame check and argument validation.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { IpcChannel, MainEventContract, MainEventName, MainIpcHandlers } from '../shared/ipc';
import { ipcArgumentValidators, type IpcArgumentValidators } from './ipc-validators';
import { isOwnPageUrl, type RendererLocation } from './renderer-location';

export class IpcSenderRejectedError extends Error {
  override name = 'IpcSenderRejectedError';
}

/** The subset of an invoke event the sender check reads, so tests can build one by hand. */
export type IpcSender = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/**
 * Accepts only the top-level frame of our own page (the built file:// index, or the dev server
 * origin in development). Subframes, foreign pages and destroyed frames are refused.
 */
export function assertTrustedSender(channel: string, event: IpcSender, location: RendererLocation): void {
  const frame = event.senderFrame;
  if (frame === null) {
    throw new IpcSenderRejectedError(`${channel}: refused, the sending frame is gone (navigated or destroyed)`);
  }
  if (frame.parent !== null) {
    throw new IpcSenderRejectedError(`${channel}: refused, only the app's main frame may call it (sender ${frame.url})`);
  }
  if (!isOwnPageUrl(frame.url, location)) {
    throw new IpcSenderRejectedError(`${channel}: refused, the sender ${frame.url} is not the Sitrep page`);
  }
}

/** Wraps one channel: sender check, then argument validation, then the handler. */
export function guardedHandler<C extends IpcChannel>(
  channel: C,
  handlers: MainIpcHandlers,
  location: RendererLocation,
  validators: IpcArgumentValidators = ipcArgumentValidators,
) {
  return async (event: IpcSender, ...raw: unknown[]): Promise<unknown> => {
    assertTrustedSender(channel, event, location);
    const args = validators[channel](raw);
    const handler = handlers[channel] as (...validated: typeof args) => unknown;
    return await handler(...args);
  };
}

export const IPC_CHANNELS = Object.keys(ipcArgumentValidators) as IpcChannel[];

export function registerIpcHandlers(ipcMain: IpcMain, handlers: MainIpcHandlers, location: RendererLocation): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, guardedHandler(channel, handlers, location));
  }
}

/** Typed main -> renderer event. */
export function sendToRenderer<E extends MainEventName>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: E,
  payload: MainEventContract[E],
): void {
  if (contents.isDestroyed()) return;
  contents.send(event, payload);
}
