// The saved read model (core/readModel.ts, storage/readModels.ts): an incident closed by the app
// opens from it at once, before its document is decoded, and switches to the live document; a
// stale, damaged or missing model is ignored and the document is read as before.
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { CommandError, declareIncident, recordEntry } from '@core/commands';
import { createIncidentStore } from '@core/store';
import { decodeReadModel, encodeReadModel, READ_MODEL_FORMAT, readModelOf, createSwitchingStore } from '@core/readModel';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { OPENING_MESSAGE } from '../../src/renderer/sync/openingSession';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import type { IncidentLibrary, LibraryOptions } from '../../src/renderer/sync/storage';
import { actor, declaredIncident, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('read-model');
const ada = actor('p-ada', 'Ada', testClock());

/** Safety net only: each wait ends as soon as its condition holds. */
const NET = { timeout: 60_000, interval: 5 };

/** The sessions as the app makes them, with the frame after the first paint held until `paint()`. */
function fastSessions(library: IncidentLibrary) {
  const painted: Array<() => void> = [];
  const sessions = new IncidentSessions(library, new RoomManager(), ada, {
    openFast: true,
    earlyShowMinChars: 0,
    readModelDelayMs: 0,
    afterPaint: (task) => painted.push(task),
  });
  return {
    sessions,
    paint: () => {
      for (const task of painted.splice(0)) task();
    },
    waiting: () => painted.length,
  };
}

async function declared(library: IncidentLibrary, id: string, notes: readonly string[]): Promise<void> {
  const handle = await library.incidents.create(id);
  declareIncident(handle.doc, { id, title: 'Checkout errors', severity: 'SEV2', summary: 'Payments fail' }, ada);
  await handle.close();
  const sessions = new IncidentSessions(library, new RoomManager(), ada);
  const session = await sessions.acquire(id);
  for (const text of notes) session.commands.recordEntry({ kind: 'note', text });
  await sessions.release(id);
}

const texts = (entries: ReadonlyArray<{ text: string }>) => entries.map((entry) => entry.text);

/** Overwrites the saved model's JSON, keeping the row it says it covers. */
async function damageModel(options: LibraryOptions, id: string, model: (text: string) => string): Promise<void> {
  const db = new Dexie(`${options.name}-read-models`, { indexedDB: options.indexedDB!, IDBKeyRange: options.IDBKeyRange! });
  db.version(1).stores({ models: 'id' });
  const row = (await db.table('models').get(id)) as { model: string };
  await db.table('models').put({ ...row, model: model(row.model) });
  db.close();
}

describe('the read model', () => {
  it('round-trips what the store serves, and refuses what is damaged, of another format or of another incident', () => {
    const { doc } = declaredIncident();
    const store = createIncidentStore(doc);
    const extras = { schemaVersion: 3, severityChanges: [], authority: { assumptions: [], pendingProposals: [] } };
    const id = store.getIncident()!.id;
    const model = readModelOf(id, store, extras)!;
    const decoded = decodeReadModel(encodeReadModel(model), id);
    expect(decoded).toEqual(JSON.parse(JSON.stringify(model)));
    expect(decoded!.collections.timeline).toEqual(store.get('timeline'));
    expect(Object.isFrozen(decoded!.collections.people[0])).toBe(true);

    expect(decodeReadModel('{"format":', id)).toBeNull();
    expect(decodeReadModel(42, id)).toBeNull();
    expect(decodeReadModel(encodeReadModel(model), 'another-incident')).toBeNull();
    expect(decodeReadModel(JSON.stringify({ ...model, format: READ_MODEL_FORMAT + 1 }), id)).toBeNull();
    expect(decodeReadModel(JSON.stringify({ ...model, collections: { ...model.collections, tasks: {} } }), id)).toBeNull();
    expect(
      decodeReadModel(JSON.stringify({ ...model, collections: { ...model.collections, people: [{ name: 'no id' }] } }), id),
    ).toBeNull();
    expect(decodeReadModel(JSON.stringify({ ...model, extras: undefined }), id)).toBeNull();
    store.destroy();
  });

  it('is null for an incident not declared yet', () => {
    const { doc } = declaredIncident();
    const store = createIncidentStore(doc);
    const empty = { getIncident: () => null } as unknown as typeof store;
    expect(
      readModelOf('x', empty, { schemaVersion: 1, severityChanges: [], authority: { assumptions: [], pendingProposals: [] } }),
    ).toBeNull();
    store.destroy();
  });

  it('switches a store to the live one: subscribers hear the switch and then the live changes', () => {
    const { doc, ic } = declaredIncident();
    const live = createIncidentStore(doc);
    const extras = { schemaVersion: 1, severityChanges: [], authority: { assumptions: [], pendingProposals: [] } };
    const model = decodeReadModel(encodeReadModel(readModelOf('inc', live, extras)!), 'inc')!;
    const switching = createSwitchingStore(model);
    const heard = vi.fn();
    switching.subscribe('timeline', heard);
    const before = switching.get('timeline');
    expect(before).toEqual(live.get('timeline'));
    expect(switching.find('people', before[0]!.authorId)?.id).toBe(before[0]!.authorId);

    switching.attach(live);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(switching.get('timeline')).toBe(live.get('timeline'));
    recordEntry(doc, { kind: 'note', text: 'live change' }, ic);
    expect(heard).toHaveBeenCalledTimes(2);
    expect(texts(switching.get('timeline'))).toContain('live change');
    switching.detach();
    recordEntry(doc, { kind: 'note', text: 'after the session closed' }, ic);
    expect(heard).toHaveBeenCalledTimes(2);
    live.destroy();
  });
});

describe('opening from a saved read model', () => {
  it('fresh: shows the incident before its document is decoded, refuses changes until it is, then runs live', async () => {
    const library = await open(freshStore());
    await declared(library, 'inc-fresh', ['first', 'second']);
    const app = fastSessions(library);
    // Opened and closed by the app once: the close saves the model.
    await app.sessions.acquire('inc-fresh').then(() => app.paint());
    await app.sessions.release('inc-fresh');
    expect((await library.readModels.load('inc-fresh')).fresh).toBe(true);

    const openSpy = vi.spyOn(library.incidents, 'open');
    const session = await app.sessions.acquire('inc-fresh');
    // Shown from the model: storage has not even been asked for the document yet.
    expect(openSpy).not.toHaveBeenCalled();
    expect(app.waiting()).toBe(1);
    expect(texts(session.store.get('timeline'))).toEqual(expect.arrayContaining(['first', 'second']));
    expect(session.store.getIncident()?.title).toBe('Checkout errors');
    expect(session.commands.readAuthority()).toEqual({ assumptions: [], pendingProposals: [] });
    expect(() => session.commands.recordEntry({ kind: 'note', text: 'too early' })).toThrow(new CommandError(OPENING_MESSAGE));
    expect(session.history.canUndo()).toBe(false);
    expect(session.me.id).toBe(ada.id);
    const shownSnapshot = session.snapshot();
    const heard = vi.fn();
    session.store.subscribe('timeline', heard);

    app.paint();
    await vi.waitFor(() => expect(heard).toHaveBeenCalled(), NET);
    expect(openSpy).toHaveBeenCalledTimes(1);
    // The live document holds what the model showed.
    expect(session.snapshot()).toEqual(shownSnapshot);
    expect(session.commands.recordEntry({ kind: 'note', text: 'now live' })).toEqual(expect.any(String));
    expect(texts(session.store.get('timeline'))).toContain('now live');
    await app.sessions.release('inc-fresh');
    // The close saved the model again, with the new note.
    const saved = await library.readModels.load('inc-fresh');
    expect(saved.fresh && texts(saved.model.collections.timeline)).toContain('now live');
  });

  it('stale: rows stored after the model mean the document is read first, and shows what they hold', async () => {
    const library = await open(freshStore());
    await declared(library, 'inc-stale', ['first']);
    const app = fastSessions(library);
    await app.sessions.acquire('inc-stale').then(() => app.paint());
    await app.sessions.release('inc-stale');
    // Written where no model is saved (as a crash leaves it): rows now go past the model.
    const sessions = new IncidentSessions(library, new RoomManager(), ada);
    const plain = await sessions.acquire('inc-stale');
    plain.commands.recordEntry({ kind: 'note', text: 'after the model' });
    await sessions.release('inc-stale');
    expect(await library.readModels.load('inc-stale')).toMatchObject({ fresh: false, reason: expect.stringContaining('stale') });

    const session = await app.sessions.acquire('inc-stale');
    expect(app.waiting()).toBe(0);
    expect(texts(session.store.get('timeline'))).toContain('after the model');
    expect(session.commands.recordEntry({ kind: 'note', text: 'writable at once' })).toEqual(expect.any(String));
    await app.sessions.release('inc-stale');
  });

  it('damaged: a model that does not parse, or is of another format, is ignored', async () => {
    const options = freshStore();
    const library = await open(options);
    await declared(library, 'inc-damaged', ['first']);
    const app = fastSessions(library);
    await app.sessions.acquire('inc-damaged').then(() => app.paint());
    await app.sessions.release('inc-damaged');

    await damageModel(options, 'inc-damaged', (text) => text.slice(0, text.length / 2));
    expect(await library.readModels.load('inc-damaged')).toMatchObject({ fresh: false, reason: 'damaged or from another version' });
    let session = await app.sessions.acquire('inc-damaged');
    expect(app.waiting()).toBe(0);
    expect(texts(session.store.get('timeline'))).toContain('first');
    await app.sessions.release('inc-damaged');

    await damageModel(options, 'inc-damaged', (text) => JSON.stringify({ ...JSON.parse(text), format: 999 }));
    expect((await library.readModels.load('inc-damaged')).fresh).toBe(false);
    session = await app.sessions.acquire('inc-damaged');
    expect(app.waiting()).toBe(0);
    expect(session.commands.recordEntry({ kind: 'note', text: 'writable' })).toEqual(expect.any(String));
    await app.sessions.release('inc-damaged');
  });

  it('none: an incident stored before read models opens from its document and gets one soon after', async () => {
    const library = await open(freshStore());
    await declared(library, 'inc-old', ['from an older version']);
    expect(await library.readModels.load('inc-old')).toEqual({ fresh: false, reason: 'none saved' });
    const app = fastSessions(library);
    const session = await app.sessions.acquire('inc-old');
    expect(app.waiting()).toBe(0);
    expect(texts(session.store.get('timeline'))).toContain('from an older version');
    // Saved in the background, without a close (a window that is never closed cleanly).
    await vi.waitFor(async () => expect((await library.readModels.load('inc-old')).fresh).toBe(true), NET);
    const saved = await library.readModels.load('inc-old');
    expect(saved.fresh && saved.model.collections.timeline).toEqual(session.store.get('timeline'));
    expect(saved.fresh && saved.model.extras.schemaVersion).toBe(session.snapshot()?.schemaVersion);
    await app.sessions.release('inc-old');
  });

  it('is not shown early when small (the document decodes in no time), and goes with a deleted incident', async () => {
    const library = await open(freshStore());
    await declared(library, 'inc-small', ['tiny']);
    const sessions = new IncidentSessions(library, new RoomManager(), ada, { openFast: true, readModelDelayMs: 0 });
    await sessions.acquire('inc-small');
    await sessions.release('inc-small');
    expect(await library.readModels.load('inc-small', 256 * 1024)).toEqual({ fresh: false, reason: 'small' });
    const session = await sessions.acquire('inc-small');
    expect(session.commands.recordEntry({ kind: 'note', text: 'writable at once' })).toEqual(expect.any(String));
    await sessions.release('inc-small');
    await sessions.settled();
    expect((await library.readModels.load('inc-small')).fresh).toBe(true);
    await sessions.deleteIncident('inc-small');
    expect(await library.readModels.load('inc-small')).toEqual({ fresh: false, reason: 'none saved' });
  });
});
