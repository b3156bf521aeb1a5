// Journey: a scribe writes the record as it happened. Quick entries take the time they happened
// (a typed prefix or the When field) and who said them; entries and milestones are corrected
// and retracted with their history kept, one click away.
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  addPerson,
  BrowserProfile,
  clockTime,
  completeFirstRun,
  declareIncident,
  localInputValue,
  markMilestone,
  readTimeline,
  screenshotsAtLaptopSizes,
  StillClock,
} from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

const minutesFromStart = (minutes: number) => new Date(START.getTime() + minutes * MINUTE);

/** The timeline entry whose text is exactly `text`. */
function entryWithText(page: Page, text: string): Locator {
  return page
    .getByRole('list', { name: 'Timeline' })
    .getByRole('article')
    .filter({ has: page.getByTestId('entry-text').getByText(text, { exact: true }) });
}

test('quick entry takes when it happened and who said it', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Replication stopped on the primary', severity: 'SEV2' });
    await addPerson(page, 'Blake Ortiz');

    const quick = page.getByRole('form', { name: 'Quick entry' });
    const box = quick.getByLabel('Entry text');
    const reading = quick.getByRole('status', { name: 'When the entry happened' });

    // A typed time prefix: said back before sending, in the person's zone.
    const stoppedAt = minutesFromStart(-20);
    await box.fill(`${clockTime(stoppedAt)} Replication to the replica stopped`);
    await expect(reading).toContainText(`Happened ${clockTime(stoppedAt)}`);
    await quick.getByRole('radio', { name: 'Fact' }).click();
    await quick.getByLabel('Said by').selectOption({ label: 'Blake Ortiz' });
    await screenshotsAtLaptopSizes(page, 'quick-entry-prefix');
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(quick.getByLabel('Said by').locator('option:checked')).toHaveText('Avery Commander (me)');

    const stopped = entryWithText(page, 'Replication to the replica stopped');
    await expect(stopped).toHaveAccessibleName(`Fact at ${clockTime(stoppedAt)} said by Blake Ortiz, recorded by Avery Commander`);
    await expect(stopped).toContainText('said by Blake Ortiz · recorded by Avery Commander');
    const later = stopped.getByText('recorded later');
    await expect(later).toBeVisible();
    await expect(later).toHaveAttribute('title', /^Recorded /);

    // A time that is not a time, and one in the future: refused, with the reason, and nothing written.
    await box.fill('25:00 Failover started');
    await expect(reading).toContainText('25:00');
    await box.press('Enter');
    await expect(quick.getByRole('alert')).toBeVisible();
    await expect(box).toHaveValue('25:00 Failover started');
    // A bare time of day is its latest occurrence (09:30 now would be yesterday's); with a date, it is in the future.
    await box.fill(`${localInputValue(minutesFromStart(30)).replace('T', ' ')} Failover finished`);
    await expect(reading).toContainText('from now');
    await box.press('Enter');
    await expect(quick.getByRole('alert')).toContainText('from now');

    // The When field instead of a prefix; both at once is refused.
    const rolledBackAt = minutesFromStart(-5);
    await box.fill('Rolled back deploy 4521');
    await quick.getByLabel('When it happened').fill(localInputValue(rolledBackAt));
    await expect(reading).toContainText(`Happened ${clockTime(rolledBackAt)}`);
    await box.fill(`${clockTime(rolledBackAt)} Rolled back deploy 4521`);
    await expect(reading).toContainText('clear one of them');
    await box.fill('Rolled back deploy 4521');
    await quick.getByRole('radio', { name: 'Action' }).click();
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(quick.getByLabel('When it happened')).toHaveValue('');
    const rolledBack = entryWithText(page, 'Rolled back deploy 4521');
    await expect(rolledBack).toHaveAccessibleName(`Action at ${clockTime(rolledBackAt)} by Avery Commander`);
    await expect(rolledBack.getByText('recorded later')).toBeVisible();

    // A plain entry (the kind stays as chosen) is now and by me, with no "recorded later".
    await box.fill('Paging the database on-call');
    await box.press('Enter');
    const paging = entryWithText(page, 'Paging the database on-call');
    await expect(paging).toHaveAccessibleName(`Action at ${clockTime(START)} by Avery Commander`);
    await expect(paging.getByText('recorded later')).toHaveCount(0);

    // The timeline orders by when it happened (oldest first here).
    await page.getByRole('button', { name: /Newest first/ }).click();
    const order = await readTimeline(page);
    const positions = [
      'Replication to the replica stopped',
      'Rolled back deploy 4521',
      'Incident declared: Replication stopped on the primary (SEV2)',
      'Paging the database on-call',
    ].map((t) => order.indexOf(t));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    await screenshotsAtLaptopSizes(page, 'timeline-said-by');

    // Who said it is corrected like the rest: Blake said it, Avery wrote it down.
    await paging.getByRole('button', { name: 'Correct this entry' }).click();
    const correcting = page.getByRole('dialog', { name: 'Correct entry' });
    await expect(correcting.getByLabel('Said by').locator('option:checked')).toHaveText('Avery Commander (who wrote it down)');
    await correcting.getByLabel('Said by').selectOption({ label: 'Blake Ortiz' });
    await correcting.getByRole('button', { name: 'Save correction' }).click();
    await expect(correcting).toBeHidden();
    await expect(paging).toHaveAccessibleName(`Action at ${clockTime(START)} said by Blake Ortiz, recorded by Avery Commander`);
    await expect(paging.getByRole('button', { name: 'Edited: show the history' })).toBeVisible();
  } finally {
    await profile.dispose();
  }
});

test('entries and milestones are corrected and retracted, with their history one click away', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    const clock = await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV1' });
    const box = page.getByLabel('Entry text');
    for (const text of ['Deploy 4521 rolled back', 'Cache flushed', 'Cache flushed']) {
      await box.fill(text);
      await box.press('Enter');
      await expect(box).toHaveValue('');
    }
    await clock.advance(10 * MINUTE);

    // Correct the text and the time, from the keyboard.
    const deploy = entryWithText(page, 'Deploy 4521 rolled back');
    await deploy.getByRole('button', { name: 'Correct this entry' }).focus();
    await page.keyboard.press('Enter');
    let dialog = page.getByRole('dialog', { name: 'Correct entry' });
    await dialog.getByLabel('Text').fill('Deploy 4520 rolled back');
    await dialog.getByLabel('When it happened').fill(localInputValue(minutesFromStart(-3)));
    await dialog.getByRole('button', { name: 'Save correction' }).click();
    await expect(dialog).toBeHidden();
    const corrected = entryWithText(page, 'Deploy 4520 rolled back');
    await expect(corrected).toHaveAccessibleName(`Note at ${clockTime(minutesFromStart(-3))} by Avery Commander`);
    await corrected.getByRole('button', { name: 'Edited: show the history' }).click();
    dialog = page.getByRole('dialog', { name: 'Entry history' });
    const versions = dialog.getByRole('list', { name: 'Versions, oldest first' }).getByRole('listitem');
    await expect(versions).toHaveCount(2);
    await expect(versions.nth(0)).toContainText('Deploy 4521 rolled back');
    await expect(versions.nth(0)).toContainText('Recorded by Avery Commander');
    await expect(versions.nth(1)).toContainText('Current version');
    await expect(versions.nth(1)).toContainText('Deploy 4520 rolled back');
    await expect(versions.nth(1)).toContainText('Corrected by Avery Commander');
    await screenshotsAtLaptopSizes(page, 'entry-history');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    // Retract the duplicate: struck through, marked, its actions gone, the reason in its history.
    const duplicate = entryWithText(page, 'Cache flushed').first();
    await duplicate.getByRole('button', { name: 'Retract this entry' }).click();
    dialog = page.getByRole('dialog', { name: 'Retract' });
    await dialog.getByLabel('Reason (optional)').fill('Recorded twice');
    await dialog.getByRole('button', { name: 'Retract' }).click();
    await expect(dialog).toBeHidden();
    const retracted = page
      .getByRole('list', { name: 'Timeline' })
      .getByRole('article', { name: /Note at .* by Avery Commander, retracted/ });
    await expect(retracted).toHaveCount(1);
    await expect(retracted.getByTestId('entry-text')).toHaveCSS('text-decoration-line', 'line-through');
    await expect(retracted.getByRole('button', { name: 'Correct this entry' })).toHaveCount(0);
    await expect(retracted.getByRole('button', { name: 'Retract this entry' })).toHaveCount(0);
    await retracted.getByRole('button', { name: 'Retracted: show the history' }).click();
    dialog = page.getByRole('dialog', { name: 'Entry history' });
    await expect(dialog).toContainText('Retracted by Avery Commander');
    await expect(dialog).toContainText('Recorded twice');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    const records = await readTimeline(page);
    expect(records).toContain('Corrected an entry (text, time)');
    expect(records).toContain('Retracted an entry: Recorded twice');

    // An automatic record: its time can be corrected, its words cannot.
    await entryWithText(page, 'Avery Commander joined the incident').getByRole('button', { name: 'Correct this entry' }).click();
    dialog = page.getByRole('dialog', { name: 'Correct entry' });
    await expect(dialog.getByLabel('Text')).toHaveCount(0);
    await expect(dialog.getByLabel('When it happened')).toBeVisible();
    await dialog.getByRole('button', { name: 'Save correction' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Nothing to change.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Milestones: a second Started by mistake moves the clock; retracted, it counts no more.
    const timer = page.getByRole('timer', { name: 'Time since the incident started' });
    await expect(timer).toHaveText('0:10:00');
    await markMilestone(page, 'Started', minutesFromStart(-30));
    await expect(timer).toHaveText('0:40:00');
    const milestones = page.getByRole('list', { name: 'Milestones' });
    await milestones
      .getByRole('listitem', { name: `Started at ${clockTime(minutesFromStart(-30))}` })
      .getByRole('button', { name: 'Retract milestone Started' })
      .click();
    dialog = page.getByRole('dialog', { name: 'Retract' });
    await dialog.getByLabel('Reason (optional)').fill('Marked twice');
    await dialog.getByRole('button', { name: 'Retract' }).click();
    await expect(dialog).toBeHidden();
    await expect(timer).toHaveText('0:10:00');
    await expect(milestones.getByRole('listitem', { name: `Started at ${clockTime(minutesFromStart(-30))}, retracted` })).toBeVisible();

    // Correct a milestone's time and note; the earlier ones stay in its history.
    await markMilestone(page, 'Detected', minutesFromStart(-8), 'pager');
    const detected = milestones.getByRole('listitem', { name: `Detected at ${clockTime(minutesFromStart(-8))}` });
    await detected.getByRole('button', { name: 'Correct milestone Detected' }).click();
    dialog = page.getByRole('dialog', { name: 'Correct milestone Detected' });
    await dialog.getByLabel('When it happened').fill(localInputValue(minutesFromStart(-12)));
    await dialog.getByLabel('Note').fill('pager alert on checkout 5xx');
    await dialog.getByRole('button', { name: 'Save correction' }).click();
    await expect(dialog).toBeHidden();
    const movedDetected = milestones.getByRole('listitem', { name: `Detected at ${clockTime(minutesFromStart(-12))}` });
    await expect(movedDetected).toContainText('pager alert on checkout 5xx');
    await movedDetected.getByRole('button', { name: 'Edited: show the history of Detected' }).click();
    dialog = page.getByRole('dialog', { name: 'History of milestone Detected' });
    await expect(dialog.getByRole('listitem').first()).toContainText('pager');
    await expect(dialog.getByRole('listitem').first()).toContainText(clockTime(minutesFromStart(-8)));
    await screenshotsAtLaptopSizes(page, 'milestone-history');
    await page.keyboard.press('Escape');
    await screenshotsAtLaptopSizes(page, 'corrections-room');
  } finally {
    await profile.dispose();
  }
});

test('a pasted log is back-filled: previewed, names mapped to people, kinds chosen, lines dropped, added at once', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Replication stopped on db2', severity: 'SEV2' });
    await addPerson(page, 'Ana Lima');

    await page.getByRole('button', { name: 'Back-fill from a log' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back-fill from a log' });
    // Times of day in the log are read on the incident's day, in the person's zone.
    const at = (minutes: number) => clockTime(minutesFromStart(minutes));
    const log = [
      `[${at(-20)}] Ana Lima: replication lag alert on db2 is firing`,
      `[${at(-18)}] kenji: db2 stopped replaying WAL`,
      `[${at(-16)}] Avery Commander: paging the DBA`,
      '[25:00] kenji: this line has a broken time',
      `[${at(-10)}] ana lima: we keep db3 as the primary`,
      `[${at(-8)}] kenji: sorry, wrong channel`,
    ].join('\n');
    await dialog.getByLabel('Log text').fill(log);
    await expect(dialog.getByText(/Read as \[time\] name: text lines: 6 lines, 1 with a problem/)).toBeVisible();

    // Names: Ana Lima (however written) is the roster's Ana, kenji is new, Avery is me.
    await expect(dialog.getByLabel('Who is Ana Lima')).toHaveValue(/^person:/);
    await expect(dialog.getByLabel('Who is Ana Lima').locator('option:checked')).toHaveText('Ana Lima');
    await expect(dialog.getByLabel('Who is kenji').locator('option:checked')).toHaveText('Add as a new person');
    await expect(dialog.getByLabel('Who is Avery Commander').locator('option:checked')).toHaveText('Avery Commander (me)');

    const row = (n: number) => dialog.getByRole('row', { name: `Line ${n}`, exact: true });
    await expect(row(1)).toContainText(at(-20));
    await expect(row(4)).toContainText('25:00');
    await expect(row(4).getByRole('checkbox', { name: 'Add line 4' })).not.toBeChecked();
    await expect(row(4).getByRole('checkbox', { name: 'Add line 4' })).toBeDisabled();
    await row(5).getByLabel('Kind of line 5').selectOption('Decision');
    await row(6).getByRole('checkbox', { name: 'Add line 6' }).uncheck();
    await screenshotsAtLaptopSizes(page, 'backfill-preview');
    await dialog.getByRole('button', { name: 'Add 4 entries' }).click();
    await expect(dialog).toBeHidden();

    // Each line is its own entry, at its own time, said by its author; kenji joined the roster once.
    await expect(page.getByRole('list', { name: 'People' }).getByRole('listitem', { name: 'kenji' })).toHaveCount(1);
    await expect(entryWithText(page, 'replication lag alert on db2 is firing')).toHaveAccessibleName(
      `Note at ${at(-20)} said by Ana Lima, recorded by Avery Commander`,
    );
    await expect(entryWithText(page, 'db2 stopped replaying WAL')).toHaveAccessibleName(
      `Note at ${at(-18)} said by kenji, recorded by Avery Commander`,
    );
    await expect(entryWithText(page, 'paging the DBA')).toHaveAccessibleName(`Note at ${at(-16)} by Avery Commander`);
    await expect(entryWithText(page, 'we keep db3 as the primary')).toHaveAccessibleName(
      `Decision at ${at(-10)} said by Ana Lima, recorded by Avery Commander`,
    );
    await expect(entryWithText(page, 'db2 stopped replaying WAL').getByText('recorded later')).toBeVisible();
    const texts = await readTimeline(page);
    expect(texts).toContain('Back-filled 4 entries from a log, adding kenji');
    expect(texts.some((t) => t.includes('wrong channel') || t.includes('broken time'))).toBe(false);
  } finally {
    await profile.dispose();
  }
});

test('back-fill opens .txt, .csv and .log files and refuses others and oversized ones', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV1' });
    await page.getByRole('button', { name: 'Back-fill from a log' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back-fill from a log' });
    const file = dialog.getByLabel('Log file');

    await file.setInputFiles({ name: 'dashboard.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    await expect(dialog.getByRole('alert')).toHaveText(
      '“dashboard.png” is not a text log: open a .txt, .csv or .log file, or paste the text.',
    );
    await file.setInputFiles({ name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(3 * 1024 * 1024, 'a') });
    await expect(dialog.getByRole('alert')).toHaveText(
      '“huge.log” is 3.0 MB; back-fill opens logs up to 2 MB. Paste the part of the log you need instead.',
    );

    const csv = [
      'time,author,text,kind',
      `${localInputValue(minutesFromStart(-30)).replace('T', ' ')},Avery Commander,Deploy 4521 started,action`,
    ].join('\n');
    await file.setInputFiles({ name: 'timeline.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(dialog.getByLabel('Log text')).toHaveValue(csv);
    await expect(dialog.getByRole('row', { name: 'Line 2', exact: true }).getByLabel('Kind of line 2')).toHaveValue('action');
    // Mapped to the recorder: the entry is simply mine.
    await dialog.getByLabel('Who is Avery Commander').selectOption({ label: 'The recorder (Avery Commander)' });
    await dialog.getByRole('button', { name: 'Add 1 entry' }).click();
    await expect(dialog).toBeHidden();
    await expect(entryWithText(page, 'Deploy 4521 started')).toHaveAccessibleName(
      `Action at ${clockTime(minutesFromStart(-30))} by Avery Commander`,
    );
  } finally {
    await profile.dispose();
  }
});

test('changes and hypotheses written down later keep when they happened', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Replication stopped on the primary', severity: 'SEV2' });

    // A change made 15 minutes ago, logged now.
    const madeAt = minutesFromStart(-15);
    await page.getByRole('button', { name: 'Log change' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log system change' });
    await dialog.getByLabel('What changed').fill('Raised max_wal_senders to 10');
    await dialog.getByLabel('System').fill('db-primary');
    await dialog.getByLabel('When it was made (optional)').fill(localInputValue(madeAt));
    await dialog.getByRole('button', { name: 'Log change' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'System changes' })).toContainText(clockTime(madeAt));

    // A suspicion voiced 10 minutes ago, typed into quick entry with its time.
    const suspectedAt = minutesFromStart(-10);
    const quick = page.getByRole('form', { name: 'Quick entry' });
    await quick.getByRole('radio', { name: 'Hypothesis' }).click();
    await quick.getByLabel('Entry text').fill(`${clockTime(suspectedAt)} WAL segments removed before the replica read them`);
    await expect(quick.getByRole('status', { name: 'When the entry happened' })).toContainText(`Happened ${clockTime(suspectedAt)}`);
    await quick.getByLabel('Entry text').press('Enter');
    await expect(page.getByRole('region', { name: 'Hypotheses' })).toContainText('WAL segments removed before the replica read them');

    // Both records sit in the timeline at when they happened, before the declaration's own entries
    // (read oldest first).
    await page.getByRole('button', { name: 'Newest first; switch to oldest first' }).click();
    const timeline = await readTimeline(page);
    const change = timeline.findIndex((text) => text.includes('Raised max_wal_senders to 10'));
    const hypothesis = timeline.findIndex((text) => text.includes('WAL segments removed before the replica read them'));
    const declared = timeline.findIndex((text) => text.startsWith('Incident declared'));
    expect(change).toBeGreaterThanOrEqual(0);
    expect(change).toBeLessThan(hypothesis);
    expect(hypothesis).toBeLessThan(declared);
  } finally {
    await profile.dispose();
  }
});
