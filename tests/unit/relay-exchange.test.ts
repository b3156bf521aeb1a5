// Fresh relay credentials over the 'relay-credentials' app channel: a member with the secret
// offers a joiner credential to each peer as it connects and every 6 hours; what arrives is read
// in full (a damaged message cuts the peer off, an expired or week-long one is ignored), and the
// receiver keeps it only for the relay its room already uses, only when it lasts longer.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelayInvitation } from '../../src/core/joinCode';
import {
  decodeRelayMessage,
  encodeRelayMessage,
  RELAY_REFRESH_MS,
  RelayExchange,
  type RelayChannel,
} from '../../src/core/relay/relayExchange';
import { testLibraries } from './support/libraries';

const SECRET = 'north-sea-relay-3f1c9e07d2b84a65';
const RELAY = 'turn:relay.example.org:3478';
const NOW = Date.UTC(2026, 11, 2, 13, 30, 0);
const NOW_S = NOW / 1000;
const ROOM_ID = '0123456789abcdef0123456789abcdef';
const libraries = testLibraries('relay-exchange');

function relayUntil(expiresAt: number, url = RELAY): RelayInvitation {
  const username = `${expiresAt}:joiner`;
  return { url, username, credential: createHmac('sha1', SECRET).update(username).digest('base64'), expiresAt };
}

function fakeChannel() {
  let peers: string[] = [];
  const sent: [string, Uint8Array][] = [];
  const hostile: [string, string][] = [];
  let onMessage: (peerId: string, payload: Uint8Array) => void = () => {};
  let onPeers: () => void = () => {};
  const channel: RelayChannel = {
    peers: () => peers,
    send: (peerId, payload) => {
      sent.push([peerId, payload]);
      return true;
    },
    onMessage: (listener) => {
      onMessage = listener;
      return () => {
        onMessage = () => {};
      };
    },
    onPeersChanged: (listener) => {
      onPeers = listener;
      return () => {
        onPeers = () => {};
      };
    },
    reportHostile: (peerId, reason) => hostile.push([peerId, reason]),
  };
  return {
    channel,
    sent,
    hostile,
    connect(list: string[]) {
      peers = list;
      onPeers();
    },
    deliver: (peerId: string, payload: Uint8Array) => onMessage(peerId, payload),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('relay messages', () => {
  it('carry one relay section after a version byte, read back whole', () => {
    const relay = relayUntil(NOW_S + 3600);
    const message = encodeRelayMessage(relay);
    expect(message[0]).toBe(1);
    expect(message[1]).toBe(1);
    expect(decodeRelayMessage(message, NOW)).toEqual({ ok: true, relay });
  });

  it('a damaged, oversized or trailing message is hostile; another version, an expired or a week-long credential is ignored', () => {
    const message = encodeRelayMessage(relayUntil(NOW_S + 3600));
    expect(decodeRelayMessage(message.subarray(0, message.length - 3), NOW)).toMatchObject({ ok: false, hostile: true });
    expect(decodeRelayMessage(Uint8Array.from([...message, 0]), NOW)).toMatchObject({ ok: false, hostile: true });
    expect(decodeRelayMessage(new Uint8Array(400), NOW)).toMatchObject({ ok: false, hostile: true });
    expect(decodeRelayMessage(Uint8Array.from([2, ...message.subarray(1)]), NOW)).toMatchObject({ ok: false, hostile: false });
    expect(decodeRelayMessage(message, (NOW_S + 3600) * 1000)).toMatchObject({ ok: false, hostile: false });
    const tooLong = encodeRelayMessage(relayUntil(NOW_S + 8 * 24 * 3600));
    expect(decodeRelayMessage(tooLong, NOW)).toEqual({
      ok: false,
      hostile: false,
      problem: 'a relay credential valid for more than a week',
    });
  });
});

describe('RelayExchange', () => {
  it('offers to each peer once as it connects, and to every peer every 6 hours', async () => {
    vi.useFakeTimers({ now: NOW });
    const net = fakeChannel();
    let derived = 0;
    const offer = vi.fn(async () => relayUntil(NOW_S + 86_400 + derived++));
    const exchange = new RelayExchange({ channel: net.channel, offer, onRelay: () => {}, now: () => Date.now() });
    net.connect(['peer-a']);
    net.connect(['peer-a', 'peer-b']);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.sent.map(([peer]) => peer)).toEqual(['peer-a', 'peer-b']);
    await vi.advanceTimersByTimeAsync(RELAY_REFRESH_MS);
    expect(net.sent.map(([peer]) => peer)).toEqual(['peer-a', 'peer-b', 'peer-a', 'peer-b']);
    // A peer that left and came back is offered again.
    net.connect(['peer-b']);
    net.connect(['peer-a', 'peer-b']);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.sent.map(([peer]) => peer).slice(4)).toEqual(['peer-a']);
    exchange.stop();
    await vi.advanceTimersByTimeAsync(RELAY_REFRESH_MS);
    expect(net.sent).toHaveLength(5);
  });

  it('a member without the secret offers nothing', async () => {
    vi.useFakeTimers({ now: NOW });
    const net = fakeChannel();
    const exchange = new RelayExchange({ channel: net.channel, offer: async () => null, onRelay: () => {} });
    net.connect(['peer-a']);
    await vi.advanceTimersByTimeAsync(RELAY_REFRESH_MS);
    expect(net.sent).toEqual([]);
    exchange.stop();
  });

  it('hands on what reads, cuts off a peer that sends damage, ignores an expired credential', () => {
    const net = fakeChannel();
    const received: RelayInvitation[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const exchange = new RelayExchange({
      channel: net.channel,
      offer: async () => null,
      onRelay: (relay) => received.push(relay),
      now: () => NOW,
    });
    const relay = relayUntil(NOW_S + 3600);
    net.deliver('peer-a', encodeRelayMessage(relay));
    net.deliver('peer-b', Uint8Array.of(1, 1, 200));
    net.deliver('peer-c', encodeRelayMessage(relayUntil(NOW_S - 1)));
    expect(received).toEqual([relay]);
    expect(net.hostile.map(([peer]) => peer)).toEqual(['peer-b']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ignored a relay credential that has already expired from peer peer-c/));
    warn.mockRestore();
    exchange.stop();
  });
});

describe('RelaySettings.refreshRoomRelay', () => {
  it('keeps a longer-lived credential for the relay the room uses, even after its own expired; nothing else', async () => {
    const library = await libraries.open(libraries.freshStore());
    expect(await library.relay.refreshRoomRelay(ROOM_ID, relayUntil(NOW_S + 86_400))).toBe(false);
    await library.relay.rememberRoomRelay(ROOM_ID, relayUntil(NOW_S - 60));
    expect(await library.relay.refreshRoomRelay(ROOM_ID, relayUntil(NOW_S + 86_400, 'turn:elsewhere.example.net:3478'))).toBe(false);
    expect(await library.relay.refreshRoomRelay(ROOM_ID, relayUntil(NOW_S + 86_400))).toBe(true);
    expect(await library.relay.refreshRoomRelay(ROOM_ID, relayUntil(NOW_S + 3600))).toBe(false);
    expect(await library.relay.roomRelay(ROOM_ID, NOW)).toEqual(relayUntil(NOW_S + 86_400));
  });

  it('only a member with the secret has something to offer, derived now for joiners', async () => {
    const library = await libraries.open(libraries.freshStore());
    expect(await library.relay.offerForPeers(NOW)).toBeNull();
    await library.relay.rememberRoomRelay(ROOM_ID, relayUntil(NOW_S + 60));
    expect(await library.relay.offerForPeers(NOW)).toBeNull();
    await library.relay.save(RELAY, SECRET);
    expect(await library.relay.offerForPeers(NOW)).toEqual(relayUntil(NOW_S + 86_400));
  });
});
