// Display names never reorder the text around them: bidirectional controls leave a name where it
// enters (person commands, the profile) and where it is read from the document (a peer's or an
// imported name), so "Eve\u202E live" can never read "Eve evil" next to anything, in the app or
// in an export. Letters of right-to-left scripts stay.
import { describe, expect, it } from 'vitest';
import { addPerson, updatePerson, recordEntry, type Actor } from '@core/commands';
import { exportHtml, exportMarkdown, exportTimelineCsv } from '@core/export';
import { hasBidiControl } from '@core/names';
import { readSnapshot } from '@core/read';
import { collection, personSchema } from '@core/schema';
import { parsePresence } from '../../src/renderer/sync/rooms/presence';
import { checkDisplayName, storedProfile } from '../../src/renderer/sync/storage/preferences';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile-payloads';
import { actor, declaredIncident } from './support/incident';

const EXPORT = { timeZone: 'UTC', now: Date.UTC(2026, 10, 21, 12, 0, 0), generatedBy: 'Sitrep test' } as const;
const BIDI = HOSTILE_PAYLOADS.filter((payload) => payload.category === 'bidi');

function everyExport(doc: Parameters<typeof readSnapshot>[0]): string[] {
  const snapshot = readSnapshot(doc);
  if (!snapshot) throw new Error('no incident');
  return [exportMarkdown(snapshot, EXPORT), exportHtml(snapshot, EXPORT), exportTimelineCsv(snapshot, EXPORT)];
}

describe('names without bidirectional controls', () => {
  it('"Eve\\u202E live" is stored and shown as "Eve live", and the timeline line after it reads in order', () => {
    const { doc, ic } = declaredIncident();
    const id = addPerson(doc, { name: 'Eve \u202Elive' }, ic);
    const snapshot = readSnapshot(doc)!;
    expect(snapshot.people.find((p) => p.id === id)?.name).toBe('Eve live');
    expect(snapshot.timeline.map((e) => e.text)).toContain('Eve live joined the incident');
  });

  it.each(BIDI.map((payload) => [payload.name, payload.text]))(
    'the hostile corpus: %s, as a person name, a rename and a profile name',
    (_name, text) => {
      const { doc, ic, clock } = declaredIncident();
      const id = addPerson(doc, { name: `Eve ${text}` }, ic);
      updatePerson(doc, { personId: id, name: `Eve ${text} 2` }, ic);
      // The profile name becomes the author of what this laptop writes.
      const profileName = checkDisplayName(`Mallory ${text}`.slice(0, 60));
      expect(hasBidiControl(profileName)).toBe(false);
      const mallory: Actor = actor('mallory', profileName, clock);
      recordEntry(doc, { kind: 'note', text: 'plain note' }, mallory);

      const snapshot = readSnapshot(doc)!;
      for (const person of snapshot.people) expect(hasBidiControl(person.name), person.name).toBe(false);
      for (const entry of snapshot.timeline) {
        expect(hasBidiControl(entry.authorName), entry.authorName).toBe(false);
        // Only this incident's names could have put controls into these composed lines.
        expect(hasBidiControl(entry.text), entry.text).toBe(false);
      }
      for (const exported of everyExport(doc)) expect(hasBidiControl(exported)).toBe(false);
    },
  );

  it('keeps right-to-left letters: they need no control to be laid out', () => {
    const { doc, ic } = declaredIncident();
    const id = addPerson(doc, { name: '\u202Bאבי כהן\u202C' }, ic);
    expect(readSnapshot(doc)!.people.find((p) => p.id === id)?.name).toBe('אבי כהן');
  });

  it('a name made only of controls is empty, and refused like one', () => {
    const { doc, ic } = declaredIncident();
    expect(() => addPerson(doc, { name: '\u202E\u2066\u2069' }, ic)).toThrow(/cannot be empty/);
    expect(() => checkDisplayName('\u202E \u200F')).toThrow(/Enter a display name/);
  });

  it("a peer's or an old profile's name with controls reads without them", () => {
    const { doc } = declaredIncident();
    // Written as a peer's laptop would, past every command.
    collection(doc, 'people').set(
      'peer-eve',
      personSchema.create({ name: 'Eve \u202Elive', contact: '', status: 'active', joinedAt: 0, statusSince: 0, dutyMsBefore: 0 }),
    );
    expect(readSnapshot(doc)!.people.find((p) => p.id === 'peer-eve')?.name).toBe('Eve live');
    expect(storedProfile({ id: 'me', displayName: '\u202Eeve' })).toEqual({ id: 'me', displayName: 'eve' });
  });

  it("a peer's presence name (who is online, who is editing) reads without them", () => {
    const presence = parsePresence(7, { v: 1, userId: 'eve', name: 'Eve \u202Elive', panel: null, editing: null, activeAt: 1 });
    expect(presence?.name).toBe('Eve live');
    expect(parsePresence(7, { v: 1, userId: 'eve', name: '\u202E\u2066', panel: null, editing: null, activeAt: 1 })).toBeNull();
  });
});
