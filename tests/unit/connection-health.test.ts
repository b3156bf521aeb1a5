// What the connection dialog says about connections that keep failing and about refused
// (replayed or out-of-window) signaling (ConnectionHealth.tsx).
import { formatClockTime } from '@core/time/instants';
import { describe, expect, it } from 'vitest';
import { describeFailingConnections, describeRefusedSignals } from '../../src/renderer/features/room/ConnectionHealth';
import type { RoomStatus } from '../../src/renderer/sync/rooms/roomManager';

const NOW = Date.UTC(2026, 11, 2, 14, 0, 0);

function status(change: Partial<RoomStatus> = {}): RoomStatus {
  return {
    roomId: 'a'.repeat(32),
    signaling: 'connected',
    servers: [],
    peers: 1,
    synced: true,
    offline: false,
    paused: false,
    foreignSignals: 0,
    droppedPeers: [],
    pendingConnections: 0,
    failingPeers: 0,
    gaveUpPeers: 0,
    nextRetryAt: null,
    lastFailure: null,
    staleSignals: 0,
    replayedSignals: 0,
    ...change,
  };
}

describe('ConnectionHealth texts', () => {
  it('says nothing when every connection is well', () => {
    expect(describeFailingConnections(status(), NOW)).toBeNull();
    expect(describeRefusedSignals(status())).toBeNull();
  });

  it('counts peers whose connections keep failing and counts down to the next try', () => {
    expect(describeFailingConnections(status({ failingPeers: 2, nextRetryAt: NOW + 7200 }), NOW)).toBe(
      'Connections to 2 peers keep failing; retrying in 8 s.',
    );
    expect(describeFailingConnections(status({ failingPeers: 1, nextRetryAt: NOW - 50 }), NOW)).toBe(
      'Connections to 1 peer keep failing; retrying in 1 s.',
    );
    expect(describeFailingConnections(status({ failingPeers: 1 }), NOW)).toBe('Connections to 1 peer keep failing; trying again now.');
    const lastFailure = { peerId: 'p', at: NOW - 3000, detail: 'the connection did not open' };
    expect(describeFailingConnections(status({ failingPeers: 1, nextRetryAt: NOW + 1000, lastFailure }), NOW)).toBe(
      `Connections to 1 peer keep failing; retrying in 1 s. The last failed at ${formatClockTime(NOW - 3000)}.`,
    );
    // Once nothing fails, an old failure is not news.
    expect(describeFailingConnections(status({ lastFailure }), NOW)).toBeNull();
    expect(describeFailingConnections(status({ gaveUpPeers: 1 }), NOW)).toBe(
      'Gave up on 1 peer after repeated failures; it is tried again when it reconnects, or use Reconnect.',
    );
  });

  it('tells replays from a clock that is off', () => {
    expect(describeRefusedSignals(status({ replayedSignals: 1 }))).toBe('Ignored 1 signaling message received twice (replayed).');
    expect(describeRefusedSignals(status({ replayedSignals: 40, staleSignals: 3 }))).toBe(
      'Ignored 40 signaling messages received twice (replayed) and 3 signaling messages sent more than 2 minutes from this computer’s clock (replayed, or a laptop whose clock is wrong).',
    );
  });
});
