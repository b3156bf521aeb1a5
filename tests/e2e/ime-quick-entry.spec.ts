// IME input in the quick-entry box: the Enter that commits a Japanese conversion belongs to the
// input method, so a half-composed word is never sent; once the word is committed, Enter adds it.
// Both orders browsers use are driven: Chromium's (keydown while composing, isComposing true) with
// a real composition through CDP, and Safari's (compositionend first, then the committing Enter's
// keydown in the same task) with the events a page receives.
import { expect, test, type Page } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, StillClock } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');

function entries(page: Page, text: string) {
  return page.getByRole('region', { name: 'Timeline' }).getByTestId('entry-text').filter({ hasText: text });
}

test('Enter during an IME composition adds nothing; a plain Enter afterwards adds the entry', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Kenji Sato');
    await declareIncident(page, { title: 'Replication stopped', severity: 'SEV2' });
    const box = page.getByLabel('Entry text');

    await test.step('Chromium: Enter while a conversion is open does not send it', async () => {
      await box.click();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'すろっと', selectionStart: 4, selectionEnd: 4 });
      await expect(box).toHaveValue('すろっと');
      // The key alone (no character): what an IME lets through while it converts.
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
      await cdp.send('Input.insertText', { text: 'スロット' });
      await expect(box).toHaveValue('スロット');
      await expect(entries(page, 'スロット')).toHaveCount(0);
      await expect(entries(page, 'すろっと')).toHaveCount(0);

      await box.press('Enter');
      await expect(box).toHaveValue('');
      await expect(entries(page, 'スロット')).toHaveCount(1);
    });

    await test.step('Safari order: the Enter right after compositionend does not send; the next Enter does', async () => {
      await box.click();
      const sent = await box.evaluate((element: HTMLTextAreaElement) => {
        const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
        const type = (value: string) => {
          setValue.call(element, value);
          element.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, data: value }));
        };
        const enter = (init: KeyboardEventInit) =>
          // The return value says whether the page took the key (prevented its default): it must not.
          element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true, ...init }));
        element.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
        type('ふくせいすろっと');
        const whileComposing = enter({ isComposing: true, keyCode: 229 });
        type('複製スロット');
        element.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '複製スロット' }));
        const afterEnd = enter({ keyCode: 13 });
        return { whileComposing, afterEnd };
      });
      // Neither keydown was handled as a submit (a submit prevents the default to keep the newline out).
      expect(sent.whileComposing).toBe(true);
      expect(sent.afterEnd).toBe(true);
      await expect(box).toHaveValue('複製スロット');
      await expect(entries(page, '複製スロット')).toHaveCount(0);

      await box.press('Enter');
      await expect(box).toHaveValue('');
      await expect(entries(page, '複製スロット')).toHaveCount(1);
    });
  } finally {
    await profile.dispose();
  }
});
