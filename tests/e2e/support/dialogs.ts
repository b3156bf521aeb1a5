// Filling the room's dialogs and the quick-entry box by their visible names: shared by the specs
// and the screenshot scripts (which run outside the test runner, so nothing here uses `expect`).
import type { Page } from '@playwright/test';

/** Opens a dialog with its button, fills fields and selects by label, submits, and waits until it closes. */
export async function fillDialog(
  page: Page,
  open: string,
  title: string,
  fields: Record<string, string>,
  submit: string,
  selects: Record<string, string> = {},
): Promise<void> {
  await page.getByRole('button', { name: open, exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: title });
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
  for (const [label, option] of Object.entries(selects)) await dialog.getByLabel(label, { exact: true }).selectOption({ label: option });
  await dialog.getByRole('button', { name: submit }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Writes one entry of a kind through the quick-entry box and waits until the box is empty again (added). */
export async function quickEntry(page: Page, kind: string, text: string): Promise<void> {
  await page.getByRole('radio', { name: kind }).click();
  const entry = page.getByLabel('Entry text');
  await entry.fill(text);
  await entry.press('Enter');
  const box = await entry.elementHandle();
  await page.waitForFunction((element) => (element as HTMLTextAreaElement | null)?.value === '', box);
}
