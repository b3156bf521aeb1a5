// Every hostile payload goes into every text field of an incident through the commands (so the
// limits apply: a payload over a limit is refused with a message, never cut short), and then
// through every exporter: the HTML holds no executable markup, the Markdown no raw HTML, link,
// image or stray block, the CSV no live formula, and the JSON reads back exactly.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEvidence,
  addFollowUp,
  addPerson,
  changeSeverity,
  CommandError,
  createTask,
  declareIncident,
  LIMITS,
  logSystemChange,
  markChangeRolledBack,
  markMilestone,
  proposeHypothesis,
  recordCheck,
  recordCheckResult,
  recordEntry,
  setHypothesisStatus,
  updateIncidentDetails,
  updatePerson,
  type Actor,
} from '@core/commands';
import { canonicalSnapshot, escapeHtml, exportHtml, exportJson, exportMarkdown, exportTimelineCsv } from '@core/export';
import { importIncidentIntoDoc, parseIncidentExport } from '@core/import';
import type { IncidentSnapshot } from '@core/model';
import { cleanName } from '@core/names';
import { readSnapshot } from '@core/read';
import { checkDisplayName } from '../../src/renderer/sync/storage/preferences';
import { HOSTILE_PAYLOADS, type HostilePayload } from '../fixtures/hostile-payloads';
import { testClock } from './support/incident';
import { parseExportedCsv } from '../support/strictCsv';

const EXPORT_OPTIONS = { timeZone: 'UTC', now: Date.UTC(2026, 10, 21, 12, 0, 0), generatedBy: 'Sitrep test' } as const;

/** What a field must hold after a write that was accepted: the payload, trimmed, nothing else. */
interface Stored {
  readonly field: string;
  readonly value: string;
  readonly read: (snapshot: IncidentSnapshot) => readonly string[];
}

interface HostileIncident {
  readonly snapshot: IncidentSnapshot;
  readonly doc: Y.Doc;
  readonly stored: readonly Stored[];
  readonly refused: readonly string[];
}

function displayNameOrNull(text: string): string | null {
  try {
    return checkDisplayName(text);
  } catch {
    return null;
  }
}

/**
 * Writes `payload` into one field and checks the outcome the limits call for: refused with a
 * message naming the problem (empty, or too long with both lengths), or stored exactly as
 * trimmed. Returns whether it was stored.
 */
function writeField(
  incident: { stored: Stored[]; refused: string[] },
  field: string,
  payload: string,
  rule: { limit: number; required: boolean; emptyMessage?: RegExp; isName?: boolean },
  write: (text: string) => void,
  read: Stored['read'],
): boolean {
  // Names lose their bidirectional controls (src/core/names.ts); every other text is kept as typed.
  const trimmed = rule.isName ? cleanName(payload) : payload.trim();
  let expected: RegExp | null = null;
  if (rule.required && trimmed === '') expected = rule.emptyMessage ?? /cannot be empty\.$/;
  else if (trimmed.length > rule.limit) expected = new RegExp(`is too long: ${trimmed.length} characters, the limit is ${rule.limit}\\.$`);
  if (expected) {
    let error: unknown = null;
    try {
      write(payload);
    } catch (caught) {
      error = caught;
    }
    expect(error, `${field} must be refused`).toBeInstanceOf(CommandError);
    expect((error as Error).message, field).toMatch(expected);
    incident.refused.push(field);
    return false;
  }
  write(payload);
  incident.stored.push({ field, value: trimmed, read });
  return true;
}

/** One incident with `payload` in every text field the commands can write. */
function hostileIncident(payload: string): HostileIncident {
  const clock = testClock();
  const me: Actor = { id: 'p-me', name: displayNameOrNull(payload) ?? 'Hostile Tester', now: () => clock.advance(1000) };
  const doc = new Y.Doc();
  const acc = { stored: [] as Stored[], refused: [] as string[] };
  const text = (max: number, required = true) => ({ limit: max, required });
  declareIncident(doc, { title: 'Plain title', severity: 'SEV2', summary: 'plain', impact: 'plain', services: ['api'] }, me);

  writeField(
    acc,
    'incident title',
    payload,
    text(LIMITS.title),
    (t) => updateIncidentDetails(doc, { title: t }, me),
    (s) => [s.incident.title],
  );
  writeField(
    acc,
    'incident summary',
    payload,
    text(LIMITS.text, false),
    (t) => updateIncidentDetails(doc, { summary: t }, me),
    (s) => [s.incident.summary],
  );
  writeField(
    acc,
    'incident impact',
    payload,
    text(LIMITS.text, false),
    (t) => updateIncidentDetails(doc, { impact: t }, me),
    (s) => [s.incident.impact],
  );
  writeField(
    acc,
    'affected service',
    payload,
    text(LIMITS.serviceName),
    (t) => updateIncidentDetails(doc, { services: [t, 'api'] }, me),
    (s) => s.incident.services,
  );
  writeField(
    acc,
    'my contact',
    payload,
    text(LIMITS.contact, false),
    (t) => updatePerson(doc, { personId: me.id, contact: t }, me),
    (s) => s.people.map((p) => p.contact),
  );
  let personId = '';
  // Names are unique in the roster: the declarer (named by the payload) gives the name up first.
  if (displayNameOrNull(payload)) updatePerson(doc, { personId: me.id, name: 'Hostile Tester' }, me);
  const named = writeField(
    acc,
    'person name',
    payload,
    { ...text(LIMITS.name), isName: true },
    (t) => (personId = addPerson(doc, { name: t }, me)),
    (s) => s.people.map((p) => p.name),
  );
  if (!named) personId = addPerson(doc, { name: 'Fallback Person' }, me);
  writeField(
    acc,
    'person contact',
    payload,
    text(LIMITS.contact, false),
    (t) => updatePerson(doc, { personId, contact: t }, me),
    (s) => s.people.map((p) => p.contact),
  );

  let hypothesisId = '';
  const proposed = writeField(
    acc,
    'hypothesis',
    payload,
    text(LIMITS.text),
    (t) => (hypothesisId = proposeHypothesis(doc, { statement: t, ownerId: personId }, me)),
    (s) => s.hypotheses.map((h) => h.statement),
  );
  if (!proposed) hypothesisId = proposeHypothesis(doc, { statement: 'Fallback hypothesis' }, me);
  writeField(
    acc,
    'task title',
    payload,
    text(LIMITS.title),
    (t) => createTask(doc, { title: t, assigneeId: personId, hypothesisId }, me),
    (s) => s.tasks.map((x) => x.title),
  );
  for (const stance of ['for', 'against'] as const) {
    writeField(
      acc,
      `evidence ${stance}`,
      payload,
      text(LIMITS.text),
      (t) => addEvidence(doc, { hypothesisId, stance, text: t }, me),
      (s) => s.hypotheses.flatMap((h) => h.evidence.map((e) => e.text)),
    );
  }
  let checkId = '';
  const checked = writeField(
    acc,
    'check',
    payload,
    text(LIMITS.text),
    (t) => (checkId = recordCheck(doc, { hypothesisId, description: t }, me)),
    (s) => s.hypotheses.flatMap((h) => h.checks.map((c) => c.description)),
  );
  if (!checked) checkId = recordCheck(doc, { hypothesisId, description: 'Fallback check' }, me);
  writeField(
    acc,
    'check result',
    payload,
    text(LIMITS.text),
    (t) => recordCheckResult(doc, { hypothesisId, checkId, outcome: 'refutes', result: t }, me),
    (s) => s.hypotheses.flatMap((h) => h.checks.map((c) => c.result)),
  );
  writeField(
    acc,
    'hypothesis status reason',
    payload,
    text(LIMITS.text, false),
    (t) => setHypothesisStatus(doc, { hypothesisId, status: 'ruled-out', reason: t }, me),
    () => [],
  );

  writeField(
    acc,
    'custom milestone name',
    payload,
    { limit: LIMITS.title, required: true, emptyMessage: /^A custom milestone needs a name\.$/ },
    (t) => markMilestone(doc, { kind: 'custom', label: t }, me),
    (s) => s.milestones.map((m) => m.label),
  );
  writeField(
    acc,
    'milestone note',
    payload,
    text(LIMITS.text, false),
    (t) => markMilestone(doc, { kind: 'detected', note: t }, me),
    (s) => s.milestones.map((m) => m.note),
  );

  let changeId = '';
  writeField(
    acc,
    'system change',
    payload,
    text(LIMITS.text),
    (t) => (changeId = logSystemChange(doc, { description: t, system: 'db' }, me)),
    (s) => s.changes.map((c) => c.description),
  );
  if (!changeId) changeId = logSystemChange(doc, { description: 'Fallback change', system: 'db' }, me);
  writeField(
    acc,
    'changed system',
    payload,
    text(LIMITS.title),
    (t) => logSystemChange(doc, { description: 'restart', system: t }, me),
    (s) => s.changes.map((c) => c.system),
  );
  writeField(
    acc,
    'rollback note',
    payload,
    text(LIMITS.text, false),
    (t) => markChangeRolledBack(doc, { changeId, note: t }, me),
    () => [],
  );

  writeField(
    acc,
    'follow-up',
    payload,
    text(LIMITS.title),
    (t) => addFollowUp(doc, { title: t, ownerId: personId }, me),
    (s) => s.followUps.map((f) => f.title),
  );
  for (const kind of ['note', 'fact', 'decision', 'action'] as const) {
    writeField(
      acc,
      `timeline ${kind}`,
      payload,
      text(LIMITS.text),
      (t) => recordEntry(doc, { kind, text: t }, me),
      (s) => s.timeline.map((e) => e.text),
    );
  }
  writeField(
    acc,
    'severity reason',
    payload,
    text(LIMITS.text, false),
    (t) => changeSeverity(doc, { severity: 'SEV1', reason: t }, me),
    () => [],
  );

  const snapshot = readSnapshot(doc);
  if (!snapshot) throw new Error('the incident did not read back');
  return { snapshot, doc, ...acc };
}

// ---- HTML: a DOM-less check of the markup the exporter writes --------------------------------

const HTML_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 h4 h5 h6 dl dt dd main section p strong table thead tbody tr th td footer'.split(' '),
);
const HTML_ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'dir', 'class', 'scope', 'id', 'role']);

function checkHtml(html: string, label: string): void {
  const body = html.replace(/^<!DOCTYPE html>\n/, '');
  const style = /<style>[\s\S]*?<\/style>/.exec(body);
  expect(style, label).not.toBeNull();
  const withoutStyle = body.replace(style![0], '<style></style>');
  // Collected, then asserted once: a readable list of everything wrong.
  const problems: string[] = [];
  // Every "<" starts a tag the exporter writes; text holds only escaped forms.
  let outside = '';
  let last = 0;
  for (const match of withoutStyle.matchAll(/<(\/?)([a-z][a-z0-9]*)((?:\s[a-z-]+="[^"<>]*")*)\s*>/g)) {
    const [, , name, attributes] = match;
    if (!HTML_TAGS.has(name!)) problems.push(`tag <${name}>`);
    for (const [, attribute, value] of attributes!.matchAll(/\s([a-z-]+)="([^"]*)"/g)) {
      if (!HTML_ATTRIBUTES.has(attribute!)) problems.push(`attribute ${attribute} on <${name}>`);
      if (/javascript:|data:text/i.test(value!)) problems.push(`URL in ${attribute}="${value}"`);
    }
    outside += withoutStyle.slice(last, match.index);
    last = match.index + match[0].length;
  }
  outside += withoutStyle.slice(last);
  if (outside.includes('<') || outside.includes('>')) problems.push('raw < or > in text');
  // An ampersand in text only ever starts one of the escapes the exporter writes.
  if (outside.replace(/&(amp|lt|gt|quot|#39);/g, '').includes('&')) problems.push('stray entity');
  expect(problems, label).toEqual([]);
}

// ---- Markdown ---------------------------------------------------------------------------------

/** The Markdown with every backslash-escaped character blanked out. */
function unescaped(md: string): string {
  return md.replace(/\\[!-/:-@[-`{-~]/g, '\u0000\u0000');
}

/** Prefixes the Markdown exporter itself writes at the start of a line. */
const EXPORTER_LINE_START = /^(#{1,6} |- \*\*[^*\\]*:\*\* ?|> \*\*Warning:\*\* |_|\*\*|\| |\|( --- \|)+$|---$)/;

function checkMarkdown(md: string, label: string): void {
  const plain = unescaped(md);
  for (const char of ['<', '>', '[', ']', '`', '&', '~', '$']) {
    // "> **Warning:**" is the exporter's own block quote; any other ">" is escaped.
    const count = char === '>' ? plain.split('\n').filter((line) => line.slice(1).includes('>')).length : plain.split(char).length - 1;
    expect(count, `${label}: unescaped ${char}`).toBe(0);
  }
  expect(plain, `${label}: live URL`).not.toContain('://');
  expect(plain, `${label}: live www link`).not.toMatch(/\bwww\./i);
  const blockStarts: string[] = [];
  for (const line of md.split('\n')) {
    if (line === '') continue;
    const rest = line.replace(EXPORTER_LINE_START, '');
    // What follows the exporter's prefix (or a whole line of text) starts no block construct.
    if (rest !== line && /^(\| |_$)/.test(line)) continue;
    if (/^(\s|[#>+\-=*_|<`~]|\d{1,9}[.)])/.test(rest)) blockStarts.push(line.slice(0, 80));
  }
  expect(blockStarts, `${label}: lines that start a block`).toEqual([]);
  // Table rows keep their column count: escaped pipes never split a cell.
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\|( --- \|)+$/.test(lines[i]!)) continue;
    const columns = lines[i]!.split('---').length - 1;
    const rows = [];
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith('| '); j++) rows.push(unescaped(lines[j]!).split('|').length - 2);
    expect(
      rows.filter((cells) => cells !== columns),
      `${label}: table rows with the wrong number of cells`,
    ).toEqual([]);
  }
}

// ---- CSV ----------------------------------------------------------------------------------------

const FORMULA_START = /^[=+\-@\t\r]/;
const unprefix = (field: string): string => (field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field);

// ---- The tests ----------------------------------------------------------------------------------

describe('hostile payloads', () => {
  it('has at least 100 payloads covering every category, each named once', () => {
    expect(HOSTILE_PAYLOADS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(HOSTILE_PAYLOADS.map((payload) => payload.name)).size).toBe(HOSTILE_PAYLOADS.length);
    const categories = new Set(HOSTILE_PAYLOADS.map((payload) => payload.category));
    expect(categories.size).toBe(15);
  });
});

describe.each(HOSTILE_PAYLOADS.map((payload) => [payload.name, payload] as const))('payload "%s"', (_name, payload: HostilePayload) => {
  const incident = hostileIncident(payload.text);

  it('is stored exactly (trimmed) in every field that accepts it, and refused with a message where a limit says so', () => {
    expect(incident.stored.length + incident.refused.length).toBe(25);
    for (const { field, value, read } of incident.stored) {
      if (field.startsWith('hypothesis status') || field.startsWith('rollback') || field.startsWith('severity')) continue;
      expect(read(incident.snapshot), field).toContain(value);
    }
  });

  it('HTML export: no executable element, attribute or URL; every stored text shown escaped', () => {
    const html = exportHtml(incident.snapshot, EXPORT_OPTIONS);
    checkHtml(html, payload.name);
    for (const { field, value } of incident.stored) {
      if (/reason|rollback|contact/.test(field)) continue; // shown inside longer timeline texts
      expect(html.includes(escapeHtml(value)), `${field} shown in the HTML`).toBe(true);
    }
  });

  it('Markdown export: no raw HTML, link, image, code or stray block construct', () => {
    checkMarkdown(exportMarkdown(incident.snapshot, EXPORT_OPTIONS), payload.name);
  });

  it('CSV export: no cell starts a formula, and every text reads back', () => {
    const rows = parseExportedCsv(exportTimelineCsv(incident.snapshot, EXPORT_OPTIONS));
    const timeline = canonicalSnapshot(incident.snapshot).timeline;
    expect(rows).toHaveLength(timeline.length + 1);
    expect(
      rows.flat().filter((field) => FORMULA_START.test(field)),
      'CSV cells that start a formula',
    ).toEqual([]);
    timeline.forEach((entry, index) => {
      expect(unprefix(rows[index + 1]![2]!)).toBe(entry.authorName);
      expect(unprefix(rows[index + 1]![4]!)).toBe(entry.text);
    });
  });

  it('JSON export: reads back exactly, imports into a document and exports the same again', () => {
    const json = exportJson(incident.snapshot, EXPORT_OPTIONS);
    const parsed = parseIncidentExport(json);
    if (!parsed.ok) throw new Error(`the export did not read back: ${parsed.message}`);
    expect(parsed.snapshot).toEqual(canonicalSnapshot(incident.snapshot));
    expect(exportJson(parsed.snapshot, EXPORT_OPTIONS)).toBe(json);

    // Through a Y.Doc and its binary update encoding, as storage and peers carry it.
    const imported = new Y.Doc();
    importIncidentIntoDoc(imported, parsed.snapshot);
    const carried = new Y.Doc();
    Y.applyUpdateV2(carried, Y.encodeStateAsUpdateV2(imported));
    expect(exportJson(readSnapshot(carried)!, EXPORT_OPTIONS)).toBe(json);
  });
});
