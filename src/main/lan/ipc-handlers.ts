// The lan:* IPC handlers: the renderer's arguments are already validated; these hand them to the LanHost.
import type { MainIpcHandlers } from '../../shared/ipc';
import { LanHostError, type LanHost } from './lan-host';

export type LanIpcChannel =
  | 'lan:host-room'
  | 'lan:stop-hosting'
  | 'lan:hosting-status'
  | 'lan:set-room-hosting'
  | 'lan:discover'
  | 'lan:settings'
  | 'lan:update-settings';

export function createLanIpcHandlers(lanHost: LanHost | undefined): Pick<MainIpcHandlers, LanIpcChannel> {
  const host = (): LanHost => {
    if (lanHost === undefined) throw new LanHostError('The local network host is not running in this window.');
    return lanHost;
  };
  return {
    'lan:host-room': (request) => host().hostRoom(request),
    'lan:stop-hosting': ({ roomId }) => host().withdraw(roomId),
    'lan:hosting-status': ({ roomId }) => host().hostingStatus(roomId),
    'lan:set-room-hosting': (change) => host().setRoomHosting(change),
    'lan:discover': (timeoutMs) => host().discover(timeoutMs),
    'lan:settings': () => host().settings(),
    'lan:update-settings': (changes) => host().updateSettings(changes),
  };
}
