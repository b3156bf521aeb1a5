// Importing a JSON export: bad files are refused with a message that says what and where, and
// a good one round-trips through a Y.Doc to the identical export.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportJson } from '../../src/core/export';
import { importIncidentIntoDoc, parseIncidentExport, ImportError } from '../../src/core/import';
import { readSnapshot } from '../../src/core/read';
import { collection, incidentMap, metaMap } from '../../src/core/schema';
import type { IncidentSnapshot } from '../../src/core/model';
import { checkoutOutage, EXPORTED_AT } from '../fixtures/incident-checkout-outage';
import { stripBidiControls } from '@core/names';
import { hostileIncident } from '../fixtures/incident-hostile-text';

const json = exportJson(checkoutOutage, { now: EXPORTED_AT });

function failure(text: string): string {
  const result = parseIncidentExport(text);
  if (result.ok) throw new Error('expected the import to be refused');
  return result.message;
}

/** The export with one change applied to its parsed JSON (any part of it, hence `any`). */
// biome-ignore lint/suspicious/noExplicitAny: the tests damage arbitrary nested fields of a parsed file.
type Damageable = Record<string, any>;
function edited(change: (doc: Damageable) => void): string {
  const doc = JSON.parse(json) as Damageable;
  change(doc);
  return JSON.stringify(doc, null, 2);
}

/** The export with every field named like a name (name, authorName, byName, ...) cleaned as the reader cleans it. */
function withCleanNames(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return /^name$|Name$/.test(key) ? stripBidiControls(value) : value;
  if (Array.isArray(value)) return value.map((item) => withCleanNames(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withCleanNames(v, k)]));
  }
  return value;
}

function roundTrip(snapshot: IncidentSnapshot): { first: string; second: string; doc: Y.Doc } {
  const first = exportJson(snapshot, { now: EXPORTED_AT });
  const parsed = parseIncidentExport(first);
  if (!parsed.ok) throw new Error(parsed.message);
  const doc = new Y.Doc();
  importIncidentIntoDoc(doc, parsed.snapshot);
  const read = readSnapshot(doc);
  if (!read) throw new Error('the imported document has no incident');
  return { first, second: exportJson(read, { now: EXPORTED_AT }), doc };
}

describe('parseIncidentExport refuses', () => {
  it('text that is not JSON, saying where', () => {
    const broken = json.replace('"severity": "SEV1",', '"severity": "SEV1"');
    const line = broken.split('\n').findIndex((l) => l.includes('"phase"')) + 1;
    expect(failure(broken)).toBe(
      `This file is not valid JSON: unexpected "\\"", expected "," or "}" at line ${line}, column 5 (character ${broken.indexOf('"phase"') + 1}).`,
    );
    expect(failure('')).toBe(
      'This file is not valid JSON: unexpected the end of the text, expected a value at line 1, column 1 (character 1).',
    );
    expect(failure('{"format": "sitrep-incident",}')).toMatch(/expected a quoted field name at line 1, column 30/);
    expect(failure('{"a": "line\nbreak"}')).toMatch(/control character U\+000A inside a string .* at line 1, column 12/);
    expect(failure('{} trailing')).toMatch(/unexpected "t" after the end of the JSON value at line 1, column 4/);
  });

  it('JSON that is not a Sitrep export', () => {
    expect(failure('[1, 2]')).toBe('This is not a Sitrep incident export: expected a JSON object (found a list).');
    expect(failure(edited((d) => (d.format = 'pagerduty-incident')))).toBe(
      'This is not a Sitrep incident export: "format" must be "sitrep-incident" (found the text "pagerduty-incident").',
    );
    expect(failure('{"title": "x"}')).toBe('This is not a Sitrep incident export: "format" must be "sitrep-incident" (missing).');
  });

  it('a file from a newer Sitrep', () => {
    expect(failure(edited((d) => (d.formatVersion = 7)))).toBe(
      'This file was made by a newer Sitrep (export format version 7; this version reads up to 6). Update Sitrep to import it.',
    );
    expect(failure(edited((d) => (d.schemaVersion = 7)))).toMatch(/^This file was made by a newer Sitrep \(incident schema 7;/);
    expect(failure(edited((d) => (d.formatVersion = '1')))).toBe('formatVersion must be a whole number from 1 up (found the text "1").');
  });

  it('a mistyped, missing or unknown field, naming its path', () => {
    expect(failure(edited((d) => (d.timeline[12].at = '14:05')))).toBe('timeline[12].at must be a number (found the text "14:05").');
    expect(failure(edited((d) => delete d.people[2].name))).toBe('people[2].name must be a string (missing).');
    expect(failure(edited((d) => (d.hypotheses[1].evidence[0].stance = 'maybe')))).toBe(
      'hypotheses[1].evidence[0].stance must be one of: for, against (found the text "maybe").',
    );
    expect(failure(edited((d) => (d.tasks[0].assigneeId = 42)))).toBe('tasks[0].assigneeId must be a non-empty string or null (found 42).');
    expect(failure(edited((d) => (d.timeline[0].subject = { collection: 'nowhere', id: 'x' })))).toMatch(
      /^timeline\[0\]\.subject\.collection must be one of: people, roles/,
    );
    expect(failure(edited((d) => (d.incident.services = 'checkout-api')))).toBe(
      'incident.services must be a list (found the text "checkout-api").',
    );
    expect(failure(edited((d) => (d.milestones = null)))).toBe('milestones must be a list (found null).');
    expect(failure(edited((d) => (d.incident.startedAt = 1e300)))).toBe(
      'incident.startedAt is out of range (found 1e+300): times must be between 1970-01-01 and 2100-01-01 UTC.',
    );
    expect(failure(json.replace('"dutyMsBefore": 0', '"dutyMsBefore": 1e999'))).toBe('people[1].dutyMsBefore must be a finite number.');
    expect(failure(edited((d) => (d.people[0].mood = 'tired')))).toBe('people[0].mood is not a field of sitrep-incident version 6.');
    expect(failure(edited((d) => (d.extra = true)))).toBe('extra is not a field of sitrep-incident version 6.');
  });

  it('two records with the same id', () => {
    expect(failure(edited((d) => (d.tasks[3].id = d.tasks[1].id)))).toBe(
      'tasks[3].id "t-provider" is used twice (also by tasks[1]); ids must be unique.',
    );
    expect(failure(edited((d) => (d.hypotheses[1].checks[1].id = d.hypotheses[1].checks[0].id)))).toMatch(
      /^hypotheses\[1\]\.checks\[1\]\.id "ck-max-conn" is used twice/,
    );
  });
});

describe('the review in the JSON format (version 2)', () => {
  /** The same export written as version 1, before the review existed. */
  const versionOne = edited((d) => {
    d.formatVersion = 1;
    delete d.review;
    delete d.authority;
  });

  it('reads a version 1 file as an incident with an empty review', () => {
    const result = parseIncidentExport(versionOne);
    if (!result.ok) throw new Error(result.message);
    expect(result.snapshot.review).toEqual({
      summary: '',
      impact: '',
      rootCause: '',
      wentWell: '',
      wentBadly: '',
      lessons: '',
      fiveWhys: [],
    });
    expect(result.snapshot.timeline).toHaveLength(checkoutOutage.timeline.length);
  });

  it('refuses a review in a version 1 file and a version 2 file without one', () => {
    expect(failure(versionOne.replace('"format": "sitrep-incident",', '"format": "sitrep-incident", "review": {},'))).toBe(
      'review is not a field of sitrep-incident version 1.',
    );
    expect(failure(edited((d) => delete d.review))).toBe('review must be an object (missing).');
    expect(failure(edited((d) => (d.review.fiveWhys[1].order = 7)))).toBe('review.fiveWhys[1].order must be a string (found 7).');
    expect(failure(edited((d) => (d.review.fiveWhys[2].id = 'w-1')))).toBe(
      'review.fiveWhys[2].id "w-1" is used twice (also by review.fiveWhys[0]); ids must be unique.',
    );
  });

  it('imports the review as Y.Texts and five whys keyed by id, reading back the same', () => {
    const { doc } = roundTrip(checkoutOutage);
    const read = readSnapshot(doc)!;
    expect(read.review).toEqual(checkoutOutage.review);
    expect(doc.getText('review.rootCause').toString()).toBe(checkoutOutage.review.rootCause);
    const why = doc.getMap('reviewWhys').get('w-3') as Y.Map<unknown>;
    expect(why.get('answer')).toBeInstanceOf(Y.Text);
    expect(why.get('order')).toBe('t');
  });
});

describe('parseIncidentExport accepts', () => {
  it('a file saved with a byte order mark', () => {
    const result = parseIncidentExport(`\uFEFF${json}`);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.exportedAt).toBe(EXPORTED_AT);
  });
});

describe('importIncidentIntoDoc', () => {
  it('round-trips the fixture to the identical JSON', () => {
    const { first, second } = roundTrip(checkoutOutage);
    expect(second).toBe(first);
    expect(first).toBe(json);
  });

  it('round-trips hostile text to the identical JSON (names without their bidirectional controls)', () => {
    const { first, second } = roundTrip(hostileIncident);
    // Names read from the document lose bidi controls (src/core/names.ts); everything else is identical.
    expect(JSON.parse(second)).toEqual(withCleanNames(JSON.parse(first)));
    expect(second).not.toMatch(/"(name|authorName)": "[^"]*[\u202A-\u202E\u2066-\u2069]/);
    const again = roundTrip(hostileIncident);
    expect(again.second).toBe(second);
  });

  it('writes every record in one transaction with origin "import"', () => {
    const parsed = parseIncidentExport(json);
    if (!parsed.ok) throw new Error(parsed.message);
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    importIncidentIntoDoc(doc, parsed.snapshot);
    expect(origins).toEqual(['import']);
  });

  it('uses the record layout that the readers and commands use', () => {
    const { doc } = roundTrip(checkoutOutage);
    expect(metaMap(doc).get('schemaVersion')).toBe(1);
    expect(incidentMap(doc).get('services')).toEqual(['checkout-api', 'payments-db', 'web-storefront']);
    const amara = collection(doc, 'people').get('p-amara')!;
    expect(amara).toBeInstanceOf(Y.Map);
    expect(amara.toJSON()).toEqual({
      name: 'Amara Okafor',
      contact: '@amara, +1 555 0100',
      status: 'resting',
      joinedAt: Date.parse('2025-03-12T14:02:10Z'),
      statusSince: Date.parse('2025-03-12T15:10:00Z'),
      dutyMsBefore: 4_070_000,
    });
    const pool = collection(doc, 'hypotheses').get('h-pool')!;
    const evidence = pool.get('evidence') as Y.Map<Y.Map<unknown>>;
    expect(evidence).toBeInstanceOf(Y.Map);
    expect([...evidence.keys()].sort()).toEqual(['ev-db-headroom', 'ev-deploy-time', 'ev-pool-logs']);
    expect(evidence.get('ev-pool-logs')!.get('stance')).toBe('for');
    const checks = pool.get('checks') as Y.Map<Y.Map<unknown>>;
    expect(checks.get('ck-canary')!.toJSON()).toMatchObject({ outcome: 'supports', by: 'p-chen' });
    const entry = collection(doc, 'timeline').get('e-04')!;
    expect(entry.toJSON()).toEqual({
      kind: 'event',
      text: 'Amara Okafor joined',
      at: Date.parse('2025-03-12T14:02:10Z'),
      recordedAt: Date.parse('2025-03-12T14:02:10Z'),
      seq: 4,
      authorId: 'p-amara',
      authorName: 'Amara Okafor',
      event: 'person.joined',
      subject: { collection: 'people', id: 'p-amara' },
    });
  });

  it('refuses a document that already holds an incident', () => {
    const { doc } = roundTrip(checkoutOutage);
    expect(() => importIncidentIntoDoc(doc, checkoutOutage)).toThrow(ImportError);
    const stray = new Y.Doc();
    collection(stray, 'tasks').set('t1', new Y.Map());
    expect(() => importIncidentIntoDoc(stray, checkoutOutage)).toThrow(
      'This document already holds tasks records; import into a new, empty incident document.',
    );
  });
});
