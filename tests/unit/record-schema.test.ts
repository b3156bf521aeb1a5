// The record schema is the one declaration of every record: these tests hold it to that. Each
// schema's reader, codec and writers must agree on the same fields, a malformed stored record
// must read with its fallbacks, and no code outside src/core/schema may reach into the Y.Doc's
// top-level types or write a field by its string name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COLLECTION_SCHEMAS,
  collection,
  commandHandoffSchema,
  hypothesisSchema,
  incidentMap,
  incidentSchema,
  milestoneSchema,
  newRecord,
  personSchema,
  putSeverityChange,
  readSeverityChangeRecords,
  taskSchema,
  timelineEntrySchema,
  whyStepSchema,
  ExportFormatError,
} from '@core/schema';
import { readCollection, readIncidentInfo } from '@core/read';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('one declaration per record', () => {
  it('codec, reader and writer of every collection name the same fields, in the same order', () => {
    for (const [name, schema] of Object.entries(COLLECTION_SCHEMAS)) {
      const fields = Object.keys(schema.fields);
      const doc = new Y.Doc();
      const stored = new Y.Map<unknown>();
      collection(doc, name as keyof typeof COLLECTION_SCHEMAS).set('r1', stored);
      const read = schema.read('r1', stored);
      // What the codec writes is the id, then every declared field, in declaration order.
      expect(Object.keys(schema.codec.write(read as never) as object), name).toEqual(['id', ...fields]);
      // A record written by `create` reads back equal to what was written.
      const again = new Y.Map<unknown>();
      collection(doc, name as keyof typeof COLLECTION_SCHEMAS).set('r2', again);
      for (const key of fields)
        again.set(
          key,
          (schema.fields as Record<string, { store(v: unknown): unknown }>)[key]!.store((read as Record<string, unknown>)[key]),
        );
      expect({ ...schema.read('r2', again), id: 'r1' }, name).toEqual(read);
    }
  });

  it('reads a malformed record from a peer with the declared fallbacks', () => {
    const doc = new Y.Doc();
    const bad = newRecord({ title: 42, assigneeId: '', status: 'exploded', dueAt: 'soon', createdAt: Number.NaN, checkBackAt: Infinity });
    collection(doc, 'tasks').set('t1', bad);
    expect(readCollection(doc, 'tasks')[0]).toEqual({
      id: 't1',
      title: '',
      assigneeId: null,
      status: 'todo',
      dueAt: null,
      hypothesisId: null,
      createdAt: 0,
      createdBy: '',
      checkBackAt: null,
    });
  });

  it('falls back to another field where the schema says so', () => {
    const doc = new Y.Doc();
    collection(doc, 'timeline').set('e1', newRecord({ kind: 'note', text: 'x', at: 1_000, recordedAt: 'later' }));
    collection(doc, 'people').set('p1', newRecord({ name: 'Ana', joinedAt: 5_000 }));
    collection(doc, 'milestones').set('m1', newRecord({ kind: 'detected', at: 7_000 }));
    expect(readCollection(doc, 'timeline')[0]?.recordedAt).toBe(1_000);
    expect(readCollection(doc, 'people')[0]?.statusSince).toBe(5_000);
    expect(readCollection(doc, 'milestones')[0]?.recordedAt).toBe(7_000);
  });

  it('derives a handoff status at read time and never stores it', () => {
    const stored = commandHandoffSchema.create({
      fromPersonId: 'a',
      toPersonId: 'b',
      briefing: '',
      offeredAt: 1,
      offeredBy: 'a',
      acceptedAt: 5,
      acceptedVerbally: false,
      declinedAt: 4,
      cancelledAt: null,
      closedBy: 'b',
    });
    new Y.Doc().getMap('handoffs').set('h', stored);
    expect(stored.has('status')).toBe(false);
    const read = commandHandoffSchema.read('h', stored);
    expect(read.status).toBe('accepted');
    expect(Object.keys(commandHandoffSchema.codec.write(read) as object)).not.toContain('status');
  });

  it('stores nested evidence as a map of records and shared texts as Y.Text', () => {
    const doc = new Y.Doc();
    const hypothesis = hypothesisSchema.create({
      statement: 's',
      status: 'open',
      ownerId: null,
      createdAt: 1,
      createdBy: 'a',
      evidence: [
        { id: 'e2', stance: 'against', text: 'later', at: 20, by: 'a' },
        { id: 'e1', stance: 'for', text: 'first', at: 10, by: 'a' },
      ],
      checks: [],
    });
    collection(doc, 'hypotheses').set('h1', hypothesis);
    expect(hypothesis.get('evidence')).toBeInstanceOf(Y.Map);
    expect(readCollection(doc, 'hypotheses')[0]?.evidence.map((e) => e.id)).toEqual(['e1', 'e2']);

    const why = whyStepSchema.create({ question: 'Why?', answer: 'Because', order: 'a0' });
    doc.getMap('reviewWhys').set('w1', why);
    expect(why.get('question')).toBeInstanceOf(Y.Text);
    expect(whyStepSchema.read('w1', why)).toEqual({ id: 'w1', question: 'Why?', answer: 'Because', order: 'a0' });
  });

  it('typed writers write one field and leave the others alone', () => {
    const doc = new Y.Doc();
    const task = taskSchema.create({
      title: 'Drain node',
      assigneeId: 'p1',
      status: 'todo',
      dueAt: null,
      hypothesisId: null,
      createdAt: 1,
      createdBy: 'p1',
      checkBackAt: null,
    });
    collection(doc, 'tasks').set('t', task);
    taskSchema.set(task, 'status', 'doing');
    expect(taskSchema.get(task, 'status')).toBe('doing');
    expect(taskSchema.get(task, 'title')).toBe('Drain node');
    personSchema.assign(newRecord({}), { name: 'x' }); // a partial write compiles and runs
  });

  it('reads the incident map as undeclared until it has an id, and skips a severity change without a severity', () => {
    const doc = new Y.Doc();
    expect(readIncidentInfo(doc)).toBeNull();
    incidentSchema.assign(incidentMap(doc), { id: 'inc', title: 'DB down' });
    expect(readIncidentInfo(doc)?.severity).toBe('SEV1');
    putSeverityChange(incidentMap(doc), 'c1', { severity: 'SEV2', basedOn: [], at: 1, by: 'a', byName: '', entryId: null });
    incidentMap(doc).set('severityChange/c2', { severity: 'SEV9' });
    const changes = readSeverityChangeRecords(incidentMap(doc));
    expect(changes.map((c) => [c.id, c.severity, c.byName])).toEqual(
      expect.arrayContaining([
        ['c1', 'SEV2', 'someone'],
        ['c2', null, 'someone'],
      ]),
    );
  });

  it('the strict codec names the field that does not fit', () => {
    expect(() =>
      milestoneSchema.codec.read({ id: 'm', kind: 'started', label: '', at: 'noon', recordedAt: 1, note: '', by: 'a' }, 'milestones[0]'),
    ).toThrow(new ExportFormatError('milestones[0].at must be a number (found the text "noon").'));
    expect(() => timelineEntrySchema.codec.read({ id: 'e', extra: 1 }, 'timeline[0]')).toThrow(ExportFormatError);
  });
});

describe('the schema is the only way into the document', () => {
  const files = [...sourceFiles(join(root, 'src'))].filter((path) => !path.includes(`${join('src', 'core', 'schema')}`));

  it('no code outside src/core/schema opens a top-level shared type', () => {
    const offenders = files.filter((path) => /\.get(Map|Text|Array|XmlFragment)\s*\(/.test(readFileSync(path, 'utf8')));
    expect(offenders.map((path) => relative(root, path))).toEqual([]);
  });

  it("no code outside src/core/schema writes a field by its string name (.set('…'))", () => {
    const offenders = files.filter((path) => /\.set\('/.test(readFileSync(path, 'utf8')));
    expect(offenders.map((path) => relative(root, path))).toEqual([]);
  });
});
