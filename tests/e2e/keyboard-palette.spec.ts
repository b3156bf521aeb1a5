// Keyboard-first: the command palette (Ctrl+K), the shortcuts, their help (? and F1), and
// Ctrl+Enter in dialogs, driven only by keys and found by roles and accessible names.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ACTIONS, actionLabel, formatShortcut, groupHeading, type Translate } from '../../src/renderer/features/commands/actions';
import { BrowserProfile, completeFirstRun, declareIncident, screenshotsAtLaptopSizes, StillClock } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');

// English labels straight from the catalog file: Node here cannot import the JSON catalogs as modules.
const PALETTE_EN: unknown = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../src/locales/en/palette.json'), 'utf8'));
const en = ((key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], PALETTE_EN)) as unknown as Translate;

async function openPalette(page: Page) {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox', { name: 'Search actions' })).toBeFocused();
  return palette;
}

/** Takes focus out of any field, as a person clicking on empty space would. */
async function leaveFields(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function start(profile: BrowserProfile): Promise<Page> {
  const page = await profile.start();
  await StillClock.start(page, START);
  await completeFirstRun(page, 'Avery Commander');
  await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV1', summary: 'EU customers cannot pay' });
  return page;
}

test('Ctrl+K finds "New task" by a fuzzy query and opens its dialog; next time it comes first; Home’s actions too', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await start(profile);

    let palette = await openPalette(page);
    // Nothing run yet: the room’s work first, each action with its shortcut.
    await expect(palette.getByRole('option', { name: /^New task/ })).toContainText('T');
    await expect(palette.getByRole('option').first()).toHaveText(/^Add note/);
    await screenshotsAtLaptopSizes(page, 'palette-war-room');
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('nw tsk');
    await expect(palette.getByRole('option').first()).toHaveText(/^New task/);
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    const taskDialog = page.getByRole('dialog', { name: 'New task' });
    await expect(taskDialog).toBeVisible();
    await expect(taskDialog.getByLabel('Task')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(taskDialog).toBeHidden();

    // Reopened with no query: the recent action leads, under "Recent".
    palette = await openPalette(page);
    await expect(palette.getByRole('option').first()).toHaveText(/^New task/);
    await expect(palette.getByRole('group', { name: 'Recent' }).getByRole('option')).toHaveText([/^New task/]);
    // Ctrl+K again closes it, and it works from inside the quick entry too.
    await page.keyboard.press('Control+k');
    await expect(palette).toBeHidden();
    await page.getByLabel('Entry text').focus();
    palette = await openPalette(page);

    // An action that does not apply now is shown disabled with the reason.
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('undo');
    const undo = palette.getByRole('option', { name: /^Undo/ });
    await expect(undo).toHaveAttribute('aria-disabled', 'true');
    await expect(undo).toContainText('Nothing of yours to undo.');

    // Back to incidents, from the palette; on Home it offers Home's actions and the incidents by name.
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('back incidents');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
    palette = await openPalette(page);
    for (const name of ['Declare incident', 'Join room', 'Import incident', 'Search incidents']) {
      await expect(palette.getByRole('option', { name: new RegExp(`^${name}`) })).toBeVisible();
    }
    await expect(palette.getByRole('option', { name: /^New task/ })).toHaveCount(0);
    await screenshotsAtLaptopSizes(page, 'palette-home');
    // Import opens the file picker straight from the palette.
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('import');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await chooser;
    await expect(palette).toBeHidden();
    // "/" jumps to the library's search.
    await leaveFields(page);
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
    palette = await openPalette(page);
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('checkout');
    await expect(palette.getByRole('option').first()).toHaveText(/^Open “Checkout returns 500”/);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout returns 500' })).toBeVisible();

    // The theme toggles from the palette as well.
    palette = await openPalette(page);
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('light theme');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await openPalette(page);
    await screenshotsAtLaptopSizes(page, 'palette-light');
  } finally {
    await profile.dispose();
  }
});

test('each shortcut does its thing outside text fields, never while typing; ? and F1 list them all', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await start(profile);
    const entry = page.getByLabel('Entry text');
    const kinds = page.getByRole('radiogroup', { name: 'Entry kind' });

    // Quick-entry kinds: the key picks the kind and puts the cursor in the box.
    for (const [key, kind] of [
      ['f', 'Fact'],
      ['d', 'Decision'],
      ['a', 'Action'],
      ['h', 'Hypothesis'],
      ['n', 'Note'],
    ] as const) {
      await leaveFields(page);
      await page.keyboard.press(key);
      await expect(entry).toBeFocused();
      await expect(kinds.getByRole('radio', { name: kind })).toHaveAttribute('aria-checked', 'true');
    }
    // Typing in the box is typing: no shortcut fires.
    await page.keyboard.type('tmcue');
    await expect(entry).toHaveValue('tmcue');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Each dialog shortcut opens its dialog; Escape closes it; keys inside a dialog stay there.
    for (const [key, title] of [
      ['t', 'New task'],
      ['m', 'Mark milestone'],
      ['c', 'Log system change'],
      ['u', 'Status update'],
      ['e', 'Export incident'],
      ['i', 'Invite responders'],
    ] as const) {
      await leaveFields(page);
      await page.keyboard.press(key);
      const dialog = page.getByRole('dialog', { name: title });
      await expect(dialog).toBeVisible();
      await page.keyboard.press('t');
      await expect(page.getByRole('dialog')).toHaveCount(1);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }

    // "?" lists every declared shortcut, grouped, and the keys handled elsewhere.
    await leaveFields(page);
    await page.keyboard.press('Shift+?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    for (const action of ACTIONS) {
      if (!('shortcuts' in action)) continue;
      const keys = action.shortcuts.map((s) => formatShortcut(s, false)).join(' or ');
      await expect(
        help
          .getByRole('list', { name: groupHeading(action.group, en), exact: true })
          .getByRole('listitem', { name: `${actionLabel(action.id, en)}: ${keys}` }),
      ).toBeVisible();
    }
    await expect(
      help.getByRole('list', { name: 'Dialogs' }).getByRole('listitem', { name: 'Submit the dialog: Ctrl+Enter' }),
    ).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'shortcut-help');
    await help.getByRole('button', { name: 'Close' }).click();
    await expect(help).toBeHidden();

    // F1 works from inside a text field too.
    await entry.focus();
    await page.keyboard.press('F1');
    await expect(help).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  } finally {
    await profile.dispose();
  }
});

test('Ctrl+Enter submits a dialog from any field; Enter in a textarea is a new line', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await start(profile);

    await page.getByRole('button', { name: 'New hypothesis' }).click();
    const hypothesis = page.getByRole('dialog', { name: 'New hypothesis' });
    const statement = hypothesis.getByLabel('Hypothesis');
    await statement.pressSequentially('Connection pool exhausted');
    await statement.press('Enter');
    await statement.pressSequentially('after the 09:00 deploy');
    await expect(statement).toHaveValue('Connection pool exhausted\nafter the 09:00 deploy');
    await expect(hypothesis).toBeVisible();
    await statement.press('Control+Enter');
    await expect(hypothesis).toBeHidden();
    await expect(page.getByRole('article', { name: /^Hypothesis: Connection pool exhausted/ })).toBeVisible();

    // A refused submit says why and keeps what was typed; fixed, Ctrl+Enter from a select submits.
    await leaveFields(page);
    await page.keyboard.press('t');
    const task = page.getByRole('dialog', { name: 'New task' });
    await task.getByLabel('Task').fill('Roll back the 09:00 deploy');
    await task.getByLabel('Task').press('Control+Enter');
    await expect(task.getByRole('alert')).toBeVisible();
    await expect(task.getByLabel('Task')).toHaveValue('Roll back the 09:00 deploy');
    await task.getByLabel('Assignee').selectOption({ label: 'Avery Commander' });
    await task.getByLabel('Assignee').press('Control+Enter');
    await expect(task).toBeHidden();
    await expect(page.getByRole('listitem', { name: 'Roll back the 09:00 deploy' })).toBeVisible();
  } finally {
    await profile.dispose();
  }
});
