// A room split in two makes two people incident commander, or changes severity on both sides:
// after the merge every peer reports the same conflict and the same pick, a confirmation on one
// peer clears it everywhere, and the timeline keeps both original changes.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPerson, assignRole, changeSeverity, CommandError, handOverCommand, resolveAuthorityConflict } from '../../src/core/commands';
import { readAuthorityConflicts, type AuthorityConflict } from '../../src/core/conflicts';
import { readIncidentInfo, readSnapshot } from '../../src/core/read';
import { incidentMap } from '../../src/core/schema';
import { currentHolders, incidentCommander, rolesOf } from '../../src/core/selectors';
import { createUndoHistory } from '../../src/core/undo';
import { actor, declaredIncident, exchange } from './support/incident';

function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), 'remote');
  return copy;
}

/** A declared incident with Ana and Ben in the room, split into two documents that do not sync. */
function splitRoom() {
  const { doc: a, ic, clock } = declaredIncident();
  addPerson(a, { name: 'Ana', id: 'ana' }, ic);
  addPerson(a, { name: 'Ben', id: 'ben' }, ic);
  const b = fork(a);
  return { a, b, ic, clock, ana: actor('ana', 'Ana', clock), ben: actor('ben', 'Ben', clock) };
}

function events(doc: Y.Doc, event: string) {
  return readSnapshot(doc)!.timeline.filter((entry) => entry.event === event);
}

function only<T extends AuthorityConflict['kind']>(doc: Y.Doc, kind: T): Extract<AuthorityConflict, { kind: T }> {
  const conflicts = readAuthorityConflicts(doc);
  expect(conflicts.map((c) => c.kind)).toEqual([kind]);
  return conflicts[0] as Extract<AuthorityConflict, { kind: T }>;
}

describe('two incident commanders made during a split', () => {
  it('is reported the same on both peers, with the latest one kept as the current commander', () => {
    const { a, b, ic, clock } = splitRoom();
    clock.advance(1_000);
    handOverCommand(a, { toPersonId: 'ana' }, ic);
    clock.advance(1_000);
    handOverCommand(b, { toPersonId: 'ben' }, ic);
    exchange(a, b);

    expect(readAuthorityConflicts(a)).toEqual(readAuthorityConflicts(b));
    const conflict = only(a, 'role');
    expect(conflict.role).toBe('incident-commander');
    expect(conflict.claims.map((c) => c.personName)).toEqual(['Ana', 'Ben']);
    const bens = conflict.claims[1]!;
    expect(conflict.keptId).toBe(bens.id);
    for (const doc of [a, b]) {
      const roles = readSnapshot(doc)!.roles;
      expect(incidentCommander(roles)?.personId).toBe('ben');
      expect(currentHolders(roles, 'incident-commander').map((t) => t.personId)).toEqual(['ben']);
      expect(rolesOf(roles, 'ana')).not.toContain('incident-commander');
      expect(rolesOf(roles, 'ben')).toContain('incident-commander');
    }
  });

  it('is cleared on every peer once confirmed on one, and the timeline keeps both handovers', () => {
    const { a, b, ic, clock } = splitRoom();
    clock.advance(1_000);
    handOverCommand(a, { toPersonId: 'ana' }, ic);
    clock.advance(1_000);
    handOverCommand(b, { toPersonId: 'ben' }, ic);
    exchange(a, b);
    const conflict = only(a, 'role');
    const anas = conflict.claims.find((c) => c.personId === 'ana')!;

    clock.advance(1_000);
    resolveAuthorityConflict(a, { conflictId: conflict.id, keep: anas.id }, ic);
    exchange(a, b);

    for (const doc of [a, b]) {
      expect(readAuthorityConflicts(doc)).toEqual([]);
      expect(incidentCommander(readSnapshot(doc)!.roles)?.personId).toBe('ana');
      expect(events(doc, 'command.handed-over').map((e) => e.text)).toEqual([
        'Command handed over from Avery IC to Ana',
        'Command handed over from Avery IC to Ben',
      ]);
      expect(events(doc, 'authority.role-confirmed').map((e) => e.text)).toEqual([
        'Confirmed Ana as incident commander after the room was split; Ben no longer incident commander',
      ]);
    }
    expect(readSnapshot(a)).toEqual(readSnapshot(b));
    expect(readSnapshot(a)!.roles.find((t) => t.personId === 'ben')?.endedAt).toBe(clock.now);
  });

  it('reports nothing for handovers made one after the other with a sync between', () => {
    const { a, b, ic, clock, ana } = splitRoom();
    clock.advance(1_000);
    handOverCommand(a, { toPersonId: 'ana' }, ic);
    exchange(a, b);
    clock.advance(1_000);
    handOverCommand(b, { toPersonId: 'ben' }, ana);
    exchange(a, b);
    expect(readAuthorityConflicts(a)).toEqual([]);
    expect(readAuthorityConflicts(b)).toEqual([]);
    expect(incidentCommander(readSnapshot(a)!.roles)?.personId).toBe('ben');
  });

  it('is settled by handing command to the outranked claimant, who is not refused as "already commander"', () => {
    const { a, b, ic, clock, ben } = splitRoom();
    handOverCommand(a, { toPersonId: 'ana' }, ic);
    clock.advance(1);
    handOverCommand(b, { toPersonId: 'ben' }, ic);
    exchange(a, b);
    expect(() => handOverCommand(a, { toPersonId: 'ben' }, ic)).toThrow('Ben is already incident commander.');
    clock.advance(1);
    handOverCommand(a, { toPersonId: 'ana' }, ben);
    exchange(a, b);
    expect(readAuthorityConflicts(b)).toEqual([]);
    expect(currentHolders(readSnapshot(b)!.roles, 'incident-commander').map((t) => t.personId)).toEqual(['ana']);
    expect(readSnapshot(b)!.roles.filter((t) => t.role === 'incident-commander' && t.endedAt === null)).toHaveLength(1);
  });

  it('refuses a stale or unknown choice with a clear message', () => {
    const { a, b, ic, clock } = splitRoom();
    handOverCommand(a, { toPersonId: 'ana' }, ic);
    clock.advance(1);
    handOverCommand(b, { toPersonId: 'ben' }, ic);
    exchange(a, b);
    const conflict = only(a, 'role');
    expect(() => resolveAuthorityConflict(a, { conflictId: conflict.id, keep: 'nobody' }, ic)).toThrow(
      new CommandError('Choose one of the people who were made incident commander.'),
    );
    resolveAuthorityConflict(a, { conflictId: conflict.id, keep: conflict.keptId }, ic);
    expect(() => resolveAuthorityConflict(a, { conflictId: conflict.id, keep: conflict.keptId }, ic)).toThrow(
      /already settled or has changed/,
    );
  });

  it('comes back when the confirmation is undone, and goes again on redo', () => {
    const { a, b, ic, clock } = splitRoom();
    handOverCommand(a, { toPersonId: 'ana' }, ic);
    clock.advance(1);
    handOverCommand(b, { toPersonId: 'ben' }, ic);
    exchange(a, b);
    const history = createUndoHistory(a, ic, () => clock.now);
    const conflict = only(a, 'role');
    resolveAuthorityConflict(a, { conflictId: conflict.id, keep: conflict.keptId }, ic);
    expect(readAuthorityConflicts(a)).toEqual([]);
    history.undo();
    expect(readAuthorityConflicts(a)).toEqual([conflict]);
    history.redo();
    expect(readAuthorityConflicts(a)).toEqual([]);
  });

  it('covers the other single-holder roles, but not the same person made twice or shared roles', () => {
    const { a, b, ic, clock } = splitRoom();
    addPerson(a, { name: 'Cy', id: 'cy' }, ic);
    exchange(a, b);
    assignRole(a, { role: 'scribe', personId: 'ana' }, ic);
    assignRole(a, { role: 'deputy', personId: 'cy' }, ic);
    assignRole(a, { role: 'subject-matter-expert', personId: 'ana' }, ic);
    clock.advance(1);
    assignRole(b, { role: 'scribe', personId: 'ben' }, ic);
    assignRole(b, { role: 'deputy', personId: 'cy' }, ic);
    assignRole(b, { role: 'subject-matter-expert', personId: 'ben' }, ic);
    exchange(a, b);

    const conflict = only(a, 'role');
    expect(conflict.role).toBe('scribe');
    const roles = readSnapshot(a)!.roles;
    expect(currentHolders(roles, 'deputy').map((t) => t.personId)).toEqual(['cy']);
    expect(
      currentHolders(roles, 'subject-matter-expert')
        .map((t) => t.personId)
        .sort(),
    ).toEqual(['ana', 'ben']);

    // Confirming Cy as deputy is not needed, but a later confirmation of the scribe ends both
    // of the other scribe tenures and leaves the deputy alone.
    resolveAuthorityConflict(b, { conflictId: conflict.id, keep: conflict.claims[0]!.id }, ic);
    exchange(a, b);
    expect(readAuthorityConflicts(a)).toEqual([]);
    expect(currentHolders(readSnapshot(a)!.roles, 'scribe').map((t) => t.personId)).toEqual(['ana']);
  });
});

describe('severity changed on both sides of a split', () => {
  it('is reported the same on both peers, picking the value the merged document holds', () => {
    const { a, b, ic, clock, ana } = splitRoom();
    clock.advance(1_000);
    changeSeverity(a, { severity: 'SEV1' }, ana);
    clock.advance(1_000);
    changeSeverity(b, { severity: 'SEV3' }, ic);
    exchange(a, b);

    expect(readAuthorityConflicts(a)).toEqual(readAuthorityConflicts(b));
    const conflict = only(b, 'severity');
    expect(conflict.claims.map((c) => [c.severity, c.byName])).toEqual([
      ['SEV1', 'Ana'],
      ['SEV3', 'Avery IC'],
    ]);
    const held = readIncidentInfo(a)!.severity;
    expect(readIncidentInfo(b)!.severity).toBe(held);
    expect(conflict.claims.find((c) => c.id === conflict.keptId)?.severity).toBe(held);
    // Each claim points at the timeline entry that recorded it.
    const ids = new Set(readSnapshot(a)!.timeline.map((e) => e.id));
    for (const claim of conflict.claims) expect(ids.has(claim.entryId!)).toBe(true);
  });

  it('is cleared on every peer once confirmed, keeping both changes and the confirmation in the timeline', () => {
    const { a, b, ic, clock, ana } = splitRoom();
    clock.advance(1_000);
    changeSeverity(a, { severity: 'SEV1', reason: 'checkout down' }, ana);
    clock.advance(1_000);
    changeSeverity(b, { severity: 'SEV3' }, ic);
    exchange(a, b);
    const conflict = only(a, 'severity');
    const other = conflict.claims.find((c) => c.id !== conflict.keptId)!;

    clock.advance(1_000);
    resolveAuthorityConflict(b, { conflictId: conflict.id, keep: other.id }, ic);
    exchange(a, b);

    for (const doc of [a, b]) {
      expect(readAuthorityConflicts(doc)).toEqual([]);
      expect(readIncidentInfo(doc)!.severity).toBe(other.severity);
      expect(events(doc, 'incident.severity-changed').map((e) => e.text)).toEqual([
        'Severity changed from SEV2 to SEV1: checkout down',
        'Severity changed from SEV2 to SEV3',
      ]);
      expect(events(doc, 'authority.severity-confirmed')).toHaveLength(1);
    }
    expect(events(a, 'authority.severity-confirmed')[0]!.text).toMatch(
      new RegExp(`^Confirmed severity ${other.severity} after the room was split; not kept: SEV[13] set by (Ana|Avery IC)$`),
    );
    expect(readSnapshot(a)).toEqual(readSnapshot(b));
  });

  it('reports nothing for changes made one after the other with a sync between', () => {
    const { a, b, ic, clock, ana } = splitRoom();
    changeSeverity(a, { severity: 'SEV1' }, ana);
    exchange(a, b);
    clock.advance(1_000);
    changeSeverity(b, { severity: 'SEV3' }, ic);
    exchange(a, b);
    clock.advance(1_000);
    changeSeverity(a, { severity: 'SEV4' }, ana);
    exchange(a, b);
    expect(readAuthorityConflicts(a)).toEqual([]);
    expect(readAuthorityConflicts(b)).toEqual([]);
  });

  it('reports nothing when both sides chose the same severity', () => {
    const { a, b, clock, ana, ben } = splitRoom();
    changeSeverity(a, { severity: 'SEV1' }, ana);
    clock.advance(1);
    changeSeverity(b, { severity: 'SEV1' }, ben);
    exchange(a, b);
    expect(readAuthorityConflicts(a)).toEqual([]);
  });

  it('is settled by a later change made after seeing both', () => {
    const { a, b, ic, clock, ana } = splitRoom();
    changeSeverity(a, { severity: 'SEV1' }, ana);
    clock.advance(1);
    changeSeverity(b, { severity: 'SEV3' }, ic);
    exchange(a, b);
    expect(readAuthorityConflicts(a)).toHaveLength(1);
    const next = readIncidentInfo(a)!.severity === 'SEV4' ? 'SEV2' : 'SEV4';
    changeSeverity(a, { severity: next }, ic);
    exchange(a, b);
    expect(readAuthorityConflicts(b)).toEqual([]);
  });

  it('stays settled when two peers confirm the same severity at once', () => {
    const { a, b, ic, clock, ana, ben } = splitRoom();
    changeSeverity(a, { severity: 'SEV1' }, ana);
    clock.advance(1);
    changeSeverity(b, { severity: 'SEV3' }, ic);
    exchange(a, b);
    const conflict = only(a, 'severity');
    resolveAuthorityConflict(a, { conflictId: conflict.id, keep: conflict.keptId }, ic);
    resolveAuthorityConflict(b, { conflictId: conflict.id, keep: conflict.keptId }, ben);
    exchange(a, b);
    expect(readAuthorityConflicts(a)).toEqual([]);
    expect(events(a, 'authority.severity-confirmed')).toHaveLength(2);
  });

  it('tolerates a peer that writes severity without change records, and mistyped records', () => {
    const { a, b, clock, ana } = splitRoom();
    changeSeverity(a, { severity: 'SEV1' }, ana);
    clock.advance(1);
    // An older Sitrep changes severity without writing a change record.
    b.transact(() => incidentMap(b).set('severity', 'SEV3'));
    b.transact(() => {
      incidentMap(b).set('severityChange/garbage', 'not a record');
      incidentMap(b).set('severityChange/bad-value', { severity: 'SEV9', basedOn: [] });
      incidentMap(b).set('severityChange/bad-parents', { severity: 'SEV1', basedOn: 'nope', at: 'soon' });
    });
    exchange(a, b);
    // The bad-parents record reads as a first change to SEV1, the same value as Ana's: no fork.
    expect(readAuthorityConflicts(a)).toEqual([]);
    expect(readAuthorityConflicts(b)).toEqual([]);
  });
});
