// The authority records in the JSON export (format version 6): who assumed command and why, the
// replaced commander's answer, severity proposals and the commander's decisions travel with the
// record, import back exactly, and a file that is not right about them is refused by path.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPerson,
  assumeCommand,
  changeSeverity,
  confirmSeverityProposal,
  contestCommand,
  declineSeverityProposal,
  readCommandAssumptions,
  readSeverityProposals,
} from '../../src/core/commands';
import { exportJson } from '../../src/core/export';
import { importIncidentIntoDoc, parseIncidentExport } from '../../src/core/import';
import { readSnapshot } from '../../src/core/read';
import { actor, declaredIncident } from './support/incident';

/** An incident where command was assumed and contested, and two severity proposals were decided. */
function contestedIncident() {
  const { doc, ic, clock } = declaredIncident();
  addPerson(doc, { name: 'Bo', id: 'bo' }, ic);
  addPerson(doc, { name: 'Cy', id: 'cy' }, ic);
  const bo = actor('bo', 'Bo', clock);
  const cy = actor('cy', 'Cy', clock);
  clock.advance(60_000);
  const lower = changeSeverity(doc, { severity: 'SEV3', reason: 'one region only' }, cy);
  // A minute apart, so the export's order (by time, then id) does not rest on random ids.
  clock.advance(60_000);
  const higher = changeSeverity(doc, { severity: 'SEV4', reason: 'internal only' }, bo);
  expect([lower, higher]).toEqual(['proposed', 'proposed']);
  const [first, second] = readSeverityProposals(doc);
  clock.advance(60_000);
  declineSeverityProposal(doc, { proposalId: first!.id }, ic);
  confirmSeverityProposal(doc, { proposalId: second!.id }, ic);
  clock.advance(60_000);
  const assumption = assumeCommand(doc, { reason: 'Avery is unreachable' }, bo);
  clock.advance(60_000);
  contestCommand(doc, { assumptionId: assumption, reason: 'I was on the bridge call' }, ic);
  return { doc, now: clock.now };
}

type AuthorityLists = Record<
  'commandAssumptions' | 'commandResponses' | 'severityProposals' | 'severityDecisions',
  Array<Record<string, unknown>>
>;
type ExportFile = Record<string, unknown> & { formatVersion: number; authority?: AuthorityLists };

describe('authority records in the JSON export', () => {
  it('carry who assumed command, who contested, what was proposed and decided, and import back exactly', () => {
    const { doc, now } = contestedIncident();
    const json = exportJson(readSnapshot(doc)!, { now });
    const file = JSON.parse(json) as ExportFile;
    expect(file.formatVersion).toBe(6);
    expect(file.authority?.commandAssumptions).toEqual([
      expect.objectContaining({
        personId: 'bo',
        personName: 'Bo',
        fromPersonId: 'ic-profile',
        fromName: 'Avery IC',
        reason: 'Avery is unreachable',
      }),
    ]);
    expect(file.authority?.commandResponses).toEqual([
      expect.objectContaining({ response: 'contested', by: 'ic-profile', reason: 'I was on the bridge call' }),
    ]);
    expect(file.authority?.severityProposals.map((p) => [p.severity, p.by, p.reason])).toEqual([
      ['SEV3', 'cy', 'one region only'],
      ['SEV4', 'bo', 'internal only'],
    ]);
    expect(file.authority?.severityDecisions.map((d) => d.decision).sort()).toEqual(['confirmed', 'declined']);

    const parsed = parseIncidentExport(json);
    if (!parsed.ok) throw new Error(parsed.message);
    const copy = new Y.Doc();
    importIncidentIntoDoc(copy, parsed.snapshot);
    expect(readCommandAssumptions(copy)).toEqual(readCommandAssumptions(doc));
    expect(readSeverityProposals(copy)).toEqual(readSeverityProposals(doc));
    expect(exportJson(readSnapshot(copy)!, { now })).toBe(json);
  });

  it('an incident without any exports empty lists, and its snapshot has none', () => {
    const { doc, clock } = declaredIncident();
    expect(readSnapshot(doc)!.authority).toBeUndefined();
    const file = JSON.parse(exportJson(readSnapshot(doc)!, { now: clock.now })) as ExportFile;
    expect(file.authority).toEqual({ commandAssumptions: [], commandResponses: [], severityProposals: [], severityDecisions: [] });
  });

  it('reads a version 5 file as having none, and refuses authority records in one', () => {
    const { doc, now } = contestedIncident();
    const file = JSON.parse(exportJson(readSnapshot(doc)!, { now })) as ExportFile;
    const { authority, ...rest } = file;
    const versionFive = { ...rest, formatVersion: 5 };
    const read = parseIncidentExport(JSON.stringify(versionFive));
    if (!read.ok) throw new Error(read.message);
    expect(read.snapshot.authority).toBeUndefined();
    const withAuthority = parseIncidentExport(JSON.stringify({ ...versionFive, authority }));
    expect(withAuthority.ok || withAuthority.message).toBe('authority is not a field of sitrep-incident version 5.');
  });

  it('refuses a mistyped, missing or repeated authority record, naming its path', () => {
    const { doc, now } = contestedIncident();
    const json = exportJson(readSnapshot(doc)!, { now });
    const failure = (edit: (file: ExportFile) => void): string => {
      const file = JSON.parse(json) as ExportFile;
      edit(file);
      const result = parseIncidentExport(JSON.stringify(file));
      return result.ok ? 'accepted' : result.message;
    };
    expect(failure((f) => delete f.authority)).toBe('authority must be an object (missing).');
    expect(failure((f) => (f.authority!.severityProposals[0]!.severity = 'SEV9'))).toMatch(/^authority\.severityProposals\[0\]\.severity /);
    expect(failure((f) => (f.authority!.commandAssumptions[0]!.at = 'noon'))).toMatch(/^authority\.commandAssumptions\[0\]\.at /);
    expect(failure((f) => f.authority!.severityDecisions.push({ ...f.authority!.severityDecisions[0]! }))).toMatch(
      /^authority\.severityDecisions\[\d\]\.id ".+" is used twice/,
    );
  });
});
