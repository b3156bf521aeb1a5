// Presence from peers is untrusted: only well-formed states are shown, one per person.
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parsePresence, PresenceTracker, publishPresence } from '../../src/renderer/sync/rooms/presence';

const good = { v: 1, userId: 'user-1', name: 'Blake Ortiz', panel: 'Tasks', editing: { collection: 'tasks', id: 'task-1' }, activeAt: 5 };

describe('parsePresence', () => {
  it('reads a well-formed state', () => {
    expect(parsePresence(7, good)).toEqual({
      clientId: 7,
      userId: 'user-1',
      name: 'Blake Ortiz',
      panel: 'Tasks',
      editing: { collection: 'tasks', id: 'task-1' },
      activeAt: 5,
    });
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['another version', { ...good, v: 2 }],
    ['no user id', { ...good, userId: undefined }],
    ['a user id with markup', { ...good, userId: '<img src=x>' }],
    ['an empty name', { ...good, name: '' }],
    ['a huge name', { ...good, name: 'x'.repeat(10_000) }],
    ['a name that is not text', { ...good, name: { toString: 'boom' } }],
  ])('ignores %s', (_what, state) => {
    expect(parsePresence(1, state)).toBeNull();
  });

  it('drops an editing subject outside the document collections, keeping the rest', () => {
    expect(parsePresence(1, { ...good, editing: { collection: '__proto__', id: 'x' } })?.editing).toBeNull();
    expect(parsePresence(1, { ...good, editing: { collection: 'tasks', id: 'a b' } })?.editing).toBeNull();
    expect(parsePresence(1, { ...good, panel: 42 })?.panel).toBeNull();
    expect(parsePresence(1, { ...good, activeAt: Number.NaN })?.activeAt).toBe(0);
  });
});

describe('PresenceTracker', () => {
  function pair() {
    const local = new Awareness(new Y.Doc());
    const remote = new Awareness(new Y.Doc());
    const sync = () => applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'peer');
    return { local, remote, sync };
  }

  it('lists peers online, not itself, and remembers when they were last seen', () => {
    let now = 1000;
    const { local, remote, sync } = pair();
    publishPresence(local, { userId: 'me', name: 'Avery', panel: null, editing: null });
    const tracker = new PresenceTracker(local, () => now);
    publishPresence(remote, { userId: 'user-1', name: 'Blake', panel: 'Timeline', editing: null });
    sync();
    expect([...tracker.get().online.keys()]).toEqual(['user-1']);
    expect(tracker.get().online.get('user-1')?.panel).toBe('Timeline');

    now = 5000;
    remote.setLocalState(null);
    sync();
    expect(tracker.get().online.size).toBe(0);
    expect(tracker.get().lastSeen.get('user-1')).toBe(5000);
    tracker.destroy();
  });

  it('counts a malformed peer state as rejected and never shows it', () => {
    const { local, remote, sync } = pair();
    const tracker = new PresenceTracker(local);
    remote.setLocalState({ v: 1, userId: 'x', name: 'y'.repeat(500) });
    sync();
    expect(tracker.get().online.size).toBe(0);
    expect(tracker.get().rejected).toBe(1);
  });

  it('shows a person with two windows once, with their latest activity', () => {
    const local = new Awareness(new Y.Doc());
    const tracker = new PresenceTracker(local);
    for (const [panel, at] of [
      ['Tasks', 10],
      ['Timeline', 20],
    ] as const) {
      const window = new Awareness(new Y.Doc());
      publishPresence(window, { userId: 'user-1', name: 'Blake', panel, editing: null }, at);
      applyAwarenessUpdate(local, encodeAwarenessUpdate(window, [window.clientID]), 'peer');
    }
    expect(tracker.get().online.size).toBe(1);
    expect(tracker.get().online.get('user-1')?.panel).toBe('Timeline');
  });
});
