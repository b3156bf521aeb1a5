// Bundled into the page by check-large-incident.ts: writes a generated incident of N timeline
// entries into the app's own IndexedDB through the real storage and commands.
import { addPerson, declareIncident, recordEntry, type Actor } from '../../src/core/commands';
import { newId } from '../../src/core/ids';
import { openLibrary } from '../../src/renderer/sync/storage';

declare global {
  interface Window {
    seedLargeIncident(entries: number): Promise<string>;
  }
}

window.seedLargeIncident = async (entries: number) => {
  const library = await openLibrary();
  const profile = (await library.getProfile()) ?? (await library.saveProfile('Load Tester'));
  const start = Date.now() - entries * 1000;
  let clock = start;
  const me: Actor = { id: profile.id, name: profile.displayName, now: () => clock };
  const id = newId(16);
  const handle = await library.createIncident(id);
  const doc = handle.doc;
  declareIncident(doc, { title: `Generated incident, ${entries} entries`, severity: 'SEV1', id, startedAt: start }, me);
  const kinds = ['note', 'fact', 'decision', 'action'] as const;
  doc.transact(() => {
    addPerson(doc, { name: 'Blake Ortiz' }, me);
    for (let i = 0; i < entries; i++) {
      clock += 1000;
      recordEntry(doc, { kind: kinds[i % kinds.length]!, text: `Entry ${i + 1}: ${'observed error rate and latency on payments-api; '.repeat(1 + (i % 3))}` }, me);
    }
  });
  await handle.whenSaved();
  await handle.close();
  await library.close();
  return id;
};
