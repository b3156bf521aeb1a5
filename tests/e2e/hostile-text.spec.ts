// Hostile text in the running app: an incident whose every text field holds payloads from the
// hostile corpus (imported through Home's "Import incident", plus entries typed through the UI)
// is shown in every panel and dialog that displays it, and exported to HTML. No payload runs
// (each would call window.__pwned), no browser dialog opens, and the Content-Security-Policy
// reports no violation; a deliberate inline handler proves the watch itself works.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import {
  addEvidence,
  addFollowUp,
  addPerson,
  nameKey,
  assignRole,
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
  type Actor,
} from '../../src/core/commands';
import { exportJson } from '../../src/core/export';
import { cleanName } from '../../src/core/names';
import { readSnapshot } from '../../src/core/read';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile-payloads';
import { completeFirstRun, readTimeline } from './support/app';

/** Installed before any page script: the sentinel, the CSP watch and a log of what ran. */
function installWatch(): void {
  const w = window as unknown as {
    __pwnedCalls: string[];
    __pwned: (tag?: unknown) => void;
    __cspViolations: Array<{ directive: string; blocked: string; sample: string }>;
  };
  w.__pwnedCalls = [];
  w.__pwned = (tag?: unknown) => {
    w.__pwnedCalls.push(String(tag));
  };
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    w.__cspViolations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
  });
}

interface Watch {
  readonly dialogs: string[];
  readonly cspConsole: string[];
  readonly pageErrors: string[];
}

async function watch(page: Page): Promise<Watch> {
  const result: Watch = { dialogs: [], cspConsole: [], pageErrors: [] };
  await page.addInitScript(installWatch);
  page.on('dialog', (dialog) => {
    result.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) result.cspConsole.push(message.text());
  });
  page.on('pageerror', (error) => result.pageErrors.push(error.message));
  return result;
}

async function expectNothingRan(page: Page, seen: Watch, where: string): Promise<void> {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __pwnedCalls?: string[]; __cspViolations?: unknown[] };
    return { pwned: w.__pwnedCalls ?? null, violations: w.__cspViolations ?? null };
  });
  expect(state.pwned, `${where}: the watch is installed`).not.toBeNull();
  expect(state.pwned, `${where}: payloads that ran`).toEqual([]);
  expect(state.violations, `${where}: CSP violations`).toEqual([]);
  expect(seen.cspConsole, `${where}: CSP messages in the console`).toEqual([]);
  expect(seen.dialogs, `${where}: browser dialogs`).toEqual([]);
  expect(seen.pageErrors, `${where}: uncaught errors`).toEqual([]);
}

/** Payloads that fit a field: non-empty and within its limit once trimmed. */
const fitting = (limit: number): string[] =>
  HOSTILE_PAYLOADS.map((payload) => payload.text).filter((text) => text.trim() !== '' && text.trim().length <= limit);

/** Joins payloads, one per line, up to `limit` characters. */
function joinedUpTo(limit: number, texts: readonly string[]): string {
  let out = '';
  for (const text of texts) {
    const next = out === '' ? text : `${out}\n${text}`;
    if (next.trim().length > limit) continue;
    out = next;
  }
  return out;
}

const TITLE = '<img src=x onerror=__pwned("title")> "Checkout" </title><script>__pwned("title-2")</script>';

/** The hostile incident, written through the commands (so every value passed their checks). */
function buildHostileIncident(): { json: string; noteCount: number } {
  const names = fitting(60).filter((text) => !/\p{Cc}|[\u0085\u2028\u2029]/u.test(text.trim()));
  let tick = Date.UTC(2026, 10, 21, 8, 0, 0);
  const actorNamed = (i: number): Actor => ({ id: `p-author-${i % 4}`, name: names[i % names.length]!, now: () => (tick += 1000) });
  const doc = new Y.Doc();
  const ic = actorNamed(0);
  const short = fitting(LIMITS.title);
  const long = fitting(LIMITS.text);
  declareIncident(
    doc,
    {
      title: TITLE,
      severity: 'SEV1',
      summary: joinedUpTo(LIMITS.text, long),
      impact: joinedUpTo(LIMITS.text, [...long].reverse()),
      services: [...new Set(fitting(LIMITS.serviceName).map((text) => text.trim()))].slice(0, LIMITS.services),
      contact: short[3]!,
    },
    ic,
  );
  // A name is taken once in an incident (the IC already holds names[0]): hostile names that read as
  // the same name (case, spacing, Unicode composition, bidirectional controls aside) are added once.
  const key = (name: string) => nameKey(cleanName(name));
  const taken = new Set([key(ic.name)]);
  const people = fitting(LIMITS.name)
    .filter((name) => key(name) !== '' && !taken.has(key(name)) && taken.add(key(name)))
    .slice(0, 14)
    .map((name, i) => addPerson(doc, { name, contact: short[(i * 7) % short.length]! }, actorNamed(i)));
  assignRole(doc, { role: 'technical-lead', personId: people[1]! }, ic);
  assignRole(doc, { role: 'scribe', personId: people[2]! }, ic);
  const hypotheses = long
    .slice(0, 8)
    .map((statement, i) => proposeHypothesis(doc, { statement, ownerId: people[i % people.length]! }, actorNamed(i)));
  hypotheses.forEach((hypothesisId, i) => {
    addEvidence(doc, { hypothesisId, stance: 'for', text: long[(i * 5 + 11) % long.length]! }, actorNamed(i));
    addEvidence(doc, { hypothesisId, stance: 'against', text: long[(i * 5 + 13) % long.length]! }, actorNamed(i + 1));
    const checkId = recordCheck(doc, { hypothesisId, description: long[(i * 5 + 17) % long.length]! }, actorNamed(i));
    if (i % 2 === 0)
      recordCheckResult(doc, { hypothesisId, checkId, outcome: 'refutes', result: long[(i * 5 + 19) % long.length]! }, actorNamed(i));
  });
  for (const [i, title] of short.slice(0, 20).entries()) {
    createTask(doc, { title, assigneeId: people[i % people.length]!, hypothesisId: hypotheses[i % hypotheses.length]! }, actorNamed(i));
  }
  for (const [i, label] of short.slice(20, 28).entries()) {
    markMilestone(doc, { kind: 'custom', label, note: long[(i * 3) % long.length]! }, actorNamed(i));
  }
  markMilestone(doc, { kind: 'detected', note: long[5]! }, ic);
  short.slice(28, 40).forEach((system, i) => {
    const changeId = logSystemChange(
      doc,
      { description: long[(i * 3 + 1) % long.length]!, system, madeBy: people[i % people.length]! },
      actorNamed(i),
    );
    if (i % 3 === 0) markChangeRolledBack(doc, { changeId, note: long[(i * 3 + 2) % long.length]! }, actorNamed(i));
  });
  for (const [i, title] of short.slice(40, 60).entries())
    addFollowUp(doc, { title, ownerId: people[i % people.length]!, priority: 'P1' }, actorNamed(i));
  const kinds = ['note', 'fact', 'decision', 'action'] as const;
  for (const [i, text] of long.entries()) recordEntry(doc, { kind: kinds[i % kinds.length]!, text }, actorNamed(i));
  const snapshot = readSnapshot(doc);
  if (!snapshot) throw new Error('the hostile incident did not read back');
  return { json: exportJson(snapshot, { now: tick + 60_000 }), noteCount: long.length };
}

test('hostile text in every field runs nowhere in the app or its HTML export, and the CSP reports nothing', async ({ page, context }) => {
  const seen = await watch(page);
  const { json, noteCount } = buildHostileIncident();

  await page.goto('/');
  // The CSP is in the built page, first in <head>.
  expect(await page.evaluate(() => document.head.firstElementChild?.getAttribute('http-equiv'))).toBe('Content-Security-Policy');
  // Typed through the UI: a hostile display name, which becomes the author of every entry below.
  await completeFirstRun(page, '<img src=x onerror=__pwned("profile")>');
  await page
    .getByLabel('Incident export file to import')
    .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(json, 'utf8') });
  const heading = page.getByRole('heading', { level: 1 });
  // Shown as text, exactly as typed.
  await expect(heading).toHaveText(TITLE);
  await expectNothingRan(page, seen, 'war room after import');

  // More through the UI: quick entries, a person and a task.
  const box = page.getByLabel('Entry text');
  for (const payload of HOSTILE_PAYLOADS.filter((p) => ['script', 'event-handler', 'svg-mathml'].includes(p.category)).slice(0, 6)) {
    await box.fill(payload.text);
    await box.press('Enter');
    await expect(box).toHaveValue('');
  }
  await page.getByRole('button', { name: 'Add person' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add person' });
  await dialog.getByLabel('Name').fill('<svg onload=__pwned("ui-person")>');
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'New task' }).click();
  dialog = page.getByRole('dialog', { name: 'New task' });
  await dialog.getByLabel('Task').fill('"><iframe src="javascript:__pwned(\'ui-task\')"></iframe>');
  await dialog.getByLabel('Assignee').selectOption({ label: '<svg onload=__pwned("ui-person")>' });
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('"><iframe src="javascript:__pwned(\'ui-task\')"></iframe>').first()).toBeVisible();

  // Every panel: follow-ups tab, the whole timeline, and the review view.
  await page.getByRole('tab', { name: 'Follow-ups' }).click();
  await page.getByRole('tab', { name: 'System changes' }).click();
  const timeline = await readTimeline(page);
  expect(timeline.length).toBeGreaterThan(noteCount);
  expect(timeline).toContain('<script>__pwned("script-1")</script>');
  await page.screenshot({ path: '/tmp/sitrep-hostile-war-room.png' });
  const reviewTab = page.getByRole('tab', { name: /review/i });
  if (await reviewTab.count()) {
    await reviewTab.first().click();
    await page.screenshot({ path: '/tmp/sitrep-hostile-review.png' });
    await page.getByRole('tab', { name: 'Room', exact: true }).click();
  }
  await expectNothingRan(page, seen, 'every panel');

  // Dialogs that show names, titles and drafts made from the incident.
  const dialogs: ReadonlyArray<readonly [RegExp | string, RegExp | string, string?]> = [
    ['Assign role', 'Assign role'],
    // The imported incident's commander is another person: this laptop may only assume command.
    ['Assume command', /^Assume command/],
    ['New task', 'New task'],
    ['New hypothesis', 'New hypothesis'],
    [/^Add evidence to /, 'Add evidence'],
    [/^Add check to /, 'Add check'],
    ['Mark milestone', 'Mark milestone'],
    ['Log change', 'Log system change'],
    ['Add follow-up', 'Add follow-up', 'Follow-ups'],
    [/Compose a status update$/, 'Status update'],
    ['Export', 'Export incident'],
  ];
  for (const [button, title, tab] of dialogs) {
    if (tab) await page.getByRole('tab', { name: tab }).click();
    await page
      .getByRole('button', typeof button === 'string' ? { name: button, exact: true } : { name: button })
      .first()
      .click();
    const open = page.getByRole('dialog', { name: title });
    await expect(open).toBeVisible();
    if (title === 'Status update') await page.screenshot({ path: '/tmp/sitrep-hostile-dialog.png' });
    if (title !== 'Export incident') {
      await page.keyboard.press('Escape');
      await expect(open).toBeHidden();
    }
  }
  await expectNothingRan(page, seen, 'dialogs');

  // The HTML export, downloaded through the export dialog, opened in a page with the same watch.
  const exportDialog = page.getByRole('dialog', { name: 'Export incident' });
  await exportDialog.getByRole('radio', { name: /^HTML/ }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Download' }).click()]);
  // Saved under an .html name so that Chromium opens it as a page, as a reviewer's browser would.
  const path = test.info().outputPath('hostile-report.html');
  await download.saveAs(path);
  const html = await readFile(path, 'utf8');
  expect(html).toContain('&lt;script&gt;__pwned(&quot;script-1&quot;)&lt;/script&gt;');
  await expectNothingRan(page, seen, 'after the export');

  const report = await context.newPage();
  const reportSeen = await watch(report);
  await report.goto(`file://${path}`);
  await expect(report.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await report.screenshot({ path: '/tmp/sitrep-hostile-export.png', fullPage: false });
  await expectNothingRan(report, reportSeen, 'HTML export');
  await report.close();
});

test('the watch sees what it must: an injected inline handler is blocked by the CSP and reported', async ({ page }) => {
  const seen = await watch(page);
  await page.goto('/');
  await expect(page.getByRole('dialog', { name: 'Welcome to Sitrep' })).toBeVisible();
  await page.evaluate(() => {
    // What a renderer bug that put text into innerHTML would do.
    document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="__pwned(\'control\')">');
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations.length))
    .toBeGreaterThan(0);
  const state = await page.evaluate(() => {
    const w = window as unknown as { __pwnedCalls: string[]; __cspViolations: Array<{ directive: string }> };
    return { pwned: w.__pwnedCalls, directives: w.__cspViolations.map((v) => v.directive) };
  });
  expect(state.pwned).toEqual([]);
  expect(state.directives[0]).toMatch(/^script-src/);
  expect(seen.cspConsole.length).toBeGreaterThan(0);
});
