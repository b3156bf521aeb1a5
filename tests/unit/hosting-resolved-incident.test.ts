// A resolved (or closed) incident is not hosted: opening it asks main for no signaling server and
// no announcement, while an active one still is.
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { fakeProviders } from './support/fakeRoomProvider';
import { testLibraries } from './support/libraries';

const libraries = testLibraries('hosting-resolved');
let managers: RoomManager[] = [];
afterEach(() => {
  for (const m of managers) m.closeAll();
  managers = [];
});

async function setup() {
  const library = await libraries.open(libraries.freshStore());
  const rooms = new RoomManager({ createProvider: fakeProviders().factory });
  managers.push(rooms);
  const hosted: string[] = [];
  const host = async (room: { roomId: string }) => {
    hosted.push(room.roomId);
    return ['ws://192.0.2.5:4444', 'ws://127.0.0.1:4444'];
  };
  const sessions = new IncidentSessions(library, rooms, { id: 'ic-profile', name: 'Avery IC' }, { host });
  return { library, sessions, hosted };
}

describe('hosting a room only while its incident is active', () => {
  it.each(['resolved', 'closed'] as const)('does not host an incident that is %s when it is opened', async (phase) => {
    const { library, sessions, hosted } = await setup();
    const id = await sessions.declare({ title: 'Old outage', severity: 'SEV2', summary: '' });
    const session = await sessions.acquire(id);
    expect(hosted).toHaveLength(1); // active: hosted
    session.commands.changePhase({ phase });
    await sessions.release(id);

    const reopened = await sessions.acquire(id);
    expect(hosted).toHaveLength(1); // not asked again
    const room = await library.roomCredentials.get(id);
    expect(reopened.network.snapshot().signaling).not.toContain('ws://192.0.2.5:4444');
    expect(room?.hosted).toBe(true);
    await sessions.release(id);
  });

  it('hosts it again once it is reopened and opened again', async () => {
    const { sessions, hosted } = await setup();
    const id = await sessions.declare({ title: 'Flapping', severity: 'SEV2', summary: '' });
    const session = await sessions.acquire(id);
    session.commands.changePhase({ phase: 'resolved' });
    session.commands.changePhase({ phase: 'investigating' });
    await sessions.release(id);
    const again = await sessions.acquire(id);
    expect(hosted).toHaveLength(2);
    expect(again.network.snapshot().signaling[0]).toBe('ws://192.0.2.5:4444');
    await sessions.release(id);
  });
});
