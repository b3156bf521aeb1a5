// docs/protocol.md describes the incident document from src/core/schema: its generated section
// must match the schema, and a real incident document (built by the commands, and imported from
// the sample export) must hold nothing the description lacks: no top-level type, record field or
// key prefix that another program reading the document would not know about.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEvidence,
  addFollowUp,
  addPerson,
  addWhy,
  changeSeverity,
  correctEntry,
  createTask,
  editReviewField,
  logSystemChange,
  markMilestone,
  proposeHypothesis,
  recordCheck,
  recordEntry,
  retractEntry,
} from '@core/commands';
import { importIncidentIntoDoc } from '@core/import';
import { encodeJoinCode, parseJoinInput } from '@core/joinCode';
import { base32crockford } from '@scure/base';
import { deriveRoomKeys } from '../../src/renderer/sync/rooms/signalingCrypto';
import { AUTHORITY_KEYS, SEVERITY_CHANGE_KEY_PREFIX } from '@core/schema';
import { documentSchemaSection, KEYED_FIELDS, PROTOCOL_PATH, SHAPES, TOP_LEVEL, withGeneratedSchema } from '../../scripts/protocol-schema';
import { checkoutOutage } from '../fixtures/incident-checkout-outage';
import { declaredIncident } from './support/incident';

function commandBuiltDoc(): Y.Doc {
  const { doc, ic, clock } = declaredIncident();
  clock.advance(60_000);
  const person = addPerson(doc, { name: 'Blake Ortiz' }, ic);
  changeSeverity(doc, { severity: 'SEV1', reason: 'checkout down everywhere' }, ic);
  const entry = recordEntry(doc, { kind: 'fact', text: '5xx on /pay' }, ic);
  correctEntry(doc, { entryId: entry, text: '5xx on /pay since 09:00' }, ic);
  const wrong = recordEntry(doc, { kind: 'note', text: 'wrong note' }, ic);
  retractEntry(doc, { entryId: wrong, reason: 'wrong incident' }, ic);
  const hypothesis = proposeHypothesis(doc, { statement: 'Bad deploy' }, ic);
  addEvidence(doc, { hypothesisId: hypothesis, stance: 'for', text: 'Deploy at 08:58' }, ic);
  recordCheck(doc, { hypothesisId: hypothesis, description: 'Diff the deploy' }, ic);
  createTask(doc, { title: 'Roll back', assigneeId: person, hypothesisId: hypothesis }, ic);
  markMilestone(doc, { kind: 'detected' }, ic);
  logSystemChange(doc, { description: 'Rolled back api', system: 'api' }, ic);
  addFollowUp(doc, { title: 'Add a canary' }, ic);
  editReviewField(doc, { field: 'summary', text: 'Checkout failed for 20 minutes.' }, ic);
  addWhy(doc, { question: 'Why did the deploy break checkout?', answer: 'No canary.' }, ic);
  return doc;
}

function importedDoc(): Y.Doc {
  const doc = new Y.Doc();
  importIncidentIntoDoc(doc, checkoutOutage);
  return doc;
}

/** Every problem of a document against the description: undocumented top-level types, fields and keys. */
function undocumented(doc: Y.Doc): string[] {
  const problems: string[] = [];
  const topLevel = new Set(TOP_LEVEL.map((t) => t.name));
  const shapeOf = new Map(SHAPES.map((s) => [s.title, s.shape]));
  const keyedPrefixes = Object.values(KEYED_FIELDS).map((k) => k.prefix);
  const checkRecord = (where: string, shapeName: string, record: Y.Map<unknown>): void => {
    const fields = shapeOf.get(shapeName)?.fields ?? {};
    record.forEach((value, key) => {
      if (key in fields) {
        if (key === 'evidence' || key === 'checks') {
          (value as Y.Map<Y.Map<unknown>>).forEach((item, id) => {
            checkRecord(`${where}.${key}.${id}`, key === 'evidence' ? 'evidence' : 'check', item);
          });
        }
        return;
      }
      if (keyedPrefixes.some((prefix) => key.startsWith(prefix))) return;
      problems.push(`${where}: key "${key}" is not described`);
    });
  };
  for (const name of doc.share.keys()) {
    if (!topLevel.has(name)) {
      problems.push(`top-level "${name}" is not described`);
      continue;
    }
    if (name.startsWith('review.') || name === 'review') continue;
    const map = doc.getMap(name);
    if (name === 'meta' || name === 'policy') checkRecord(name, name, map);
    else if (name === 'incident') {
      const incidentKeys = Object.keys(shapeOf.get('incident')?.fields ?? {});
      const prefixes = [SEVERITY_CHANGE_KEY_PREFIX, ...Object.values(AUTHORITY_KEYS)];
      map.forEach((_value, key) => {
        if (!incidentKeys.includes(key) && !prefixes.some((prefix) => key.startsWith(prefix)))
          problems.push(`incident: key "${key}" is not described`);
      });
    } else {
      map.forEach((record, id) => {
        checkRecord(`${name}.${id}`, name, record as Y.Map<unknown>);
      });
    }
  }
  return problems;
}

describe('docs/protocol.md, the document schema', () => {
  it('says what the schema declares (regenerate with `npx tsx scripts/protocol-schema.ts --write`)', () => {
    expect(existsSync(PROTOCOL_PATH)).toBe(true);
    const markdown = readFileSync(PROTOCOL_PATH, 'utf8');
    expect(withGeneratedSchema(markdown)).toBe(markdown);
    expect(markdown).toContain(documentSchemaSection());
  });

  it('describes every top-level type, field and key prefix of real incident documents', () => {
    for (const doc of [commandBuiltDoc(), importedDoc()]) expect(undocumented(doc)).toEqual([]);
  });

  it('notices what it does not describe (the check itself can fail)', () => {
    const doc = commandBuiltDoc();
    doc.getMap('surprise').set('x', 1);
    const [person] = [...doc.getMap('people').values()] as Y.Map<unknown>[];
    person?.set('nickname', 'B');
    const problems = undocumented(doc);
    expect(problems).toHaveLength(2);
    expect(problems).toContain('top-level "surprise" is not described');
    expect(problems).toContainEqual(expect.stringMatching(/^people\.[\w-]+: key "nickname" is not described$/));
  });
});

describe('docs/protocol.md, the test vectors', () => {
  const markdown = existsSync(PROTOCOL_PATH) ? readFileSync(PROTOCOL_PATH, 'utf8') : '';
  const invitation = {
    roomId: '0123456789abcdef0123456789abcdef',
    secret: 'fedcba9876543210fedcba9876543210',
    signaling: ['ws://192.168.1.20:4444', 'wss://signal.example.org'],
  };

  it('the join code vector is what Sitrep makes and reads, byte for byte', async () => {
    const block = markdown.split('<!-- join-code-vector -->')[1]?.split('```')[1] ?? '';
    const code = /^code:\s+(\S+)$/m.exec(block)?.[1] ?? '';
    const hexBytes = block
      .split('code:')[0]!
      .replace('bytes:', '')
      .replace(/\([^)]*\)/g, '')
      .replace(/\s+/g, '');
    expect(code).toBe(await encodeJoinCode(invitation));
    const parsed = await parseJoinInput(code);
    expect(parsed.ok && parsed.invitation).toEqual(invitation);
    expect(Buffer.from(base32crockford.decode(code.slice('SITREP2-'.length).replace(/-/g, ''))).toString('hex')).toBe(hexBytes);
  });

  it('the topic vector is the topic Sitrep derives for that room', async () => {
    const topic = /<!-- topic-vector --> `([^`]+)`/.exec(markdown)?.[1];
    expect(topic).toBe((await deriveRoomKeys(invitation.secret, invitation.roomId)).topic);
  });
});
