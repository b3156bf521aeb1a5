// Measurements taken inside the app's page: opening an incident from the home screen, typing
// in the quick-entry box, scrolling the timeline. Times are the page's performance.now().
import type { Page } from '@playwright/test';
import { BENCH_ORIGIN } from './harness';

export interface OpenTiming {
  /** Click on the incident to its first timeline row in the DOM. */
  readonly firstRowMs: number;
  /** Click to the first frame after that row, with the main thread free again. */
  readonly interactiveMs: number;
}

/** Loads the app's home screen (a fresh navigation: a cold start of the renderer's JS). */
export async function loadHome(page: Page, title: string): Promise<void> {
  await page.goto(`${BENCH_ORIGIN}/`);
  await incidentButton(page, title).waitFor();
}

/** The incident's own row on the home screen (its Archive and Delete buttons name it too). */
function incidentButton(page: Page, title: string) {
  return page.getByRole('button', { name: new RegExp(`^SEV\\d ${escapeRegExp(title)}`) });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** From the home screen: clicks the incident and times it to its first interactive timeline row. */
export async function openFromHome(page: Page, title: string): Promise<OpenTiming> {
  await page.evaluate(() => {
    const probe = new Promise<{ firstRowMs: number; interactiveMs: number }>((resolve) => {
      let clickAt = 0;
      document.addEventListener(
        'click',
        () => {
          clickAt = performance.now();
          (window as unknown as { benchClickAt: number }).benchClickAt = clickAt;
        },
        { capture: true, once: true },
      );
      const observer = new MutationObserver(() => {
        if (clickAt === 0 || !document.querySelector('[data-testid="entry-text"]')) return;
        observer.disconnect();
        const firstRowAt = performance.now();
        // Interactive: the frame with the row has been produced and a task can run after it.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ firstRowMs: firstRowAt - clickAt, interactiveMs: performance.now() - clickAt });
          channel.port2.postMessage(null);
        });
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    (window as unknown as { benchOpenProbe: typeof probe }).benchOpenProbe = probe;
  });
  await incidentButton(page, title).click();
  return page.evaluate(() => (window as unknown as { benchOpenProbe: Promise<OpenTiming> }).benchOpenProbe);
}

export interface KeystrokeTimings {
  /** keydown to the end of the frame that shows the character (rAF, then a task after it). */
  readonly toFrame: number[];
  /** keydown to the end of the input event's handlers (React's render included). */
  readonly handlers: number[];
}

/** Types `text` into the focused field one key at a time, timing each keystroke. */
export async function timeKeystrokes(page: Page, text: string): Promise<KeystrokeTimings> {
  await page.evaluate(() => {
    const toFrame: number[] = [];
    const handlers: number[] = [];
    let downAt = 0;
    document.addEventListener('keydown', (event) => (downAt = event.timeStamp), { capture: true });
    // Registered on window in the bubble phase: runs after React's listener on the root.
    window.addEventListener('input', () => {
      const start = downAt;
      queueMicrotask(() => handlers.push(performance.now() - start));
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => toFrame.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    });
    (window as unknown as { benchKeys: KeystrokeTimings }).benchKeys = { toFrame, handlers };
  });
  const keys = [...text];
  for (let index = 0; index < keys.length; index++) {
    await page.keyboard.type(keys[index]!);
    // One keystroke at a time: the next key goes in after this one's frame is measured.
    await page.waitForFunction(
      (count) => (window as unknown as { benchKeys: KeystrokeTimings }).benchKeys.toFrame.length >= count,
      index + 1,
      { polling: 'raf' },
    );
    await page.waitForTimeout(20);
  }
  return page.evaluate(() => (window as unknown as { benchKeys: KeystrokeTimings }).benchKeys);
}

/** Scrolls the timeline 400 px per frame; returns the frame intervals (ms). */
export async function scrollTimeline(page: Page, steps: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const scroller = document.querySelector<HTMLElement>('[aria-label="Timeline entries"]');
    if (!scroller) throw new Error('The timeline scroller is not on the page');
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < count; i++) {
      scroller.scrollTop += 400;
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return frames;
  }, steps);
}

/** Waits for the opened incident's document to be live (IncidentSessions' User Timing mark). */
export async function waitForLive(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('sitrep:incident-live').length > 0, undefined, { timeout: 120_000 });
}

/**
 * Opens the incident and goes back Home, as a responder does, so the app saves its read model
 * on close; returns the open's timing (an open without a saved read model).
 */
export async function openAndCloseOnce(page: Page, title: string): Promise<OpenTiming> {
  await loadHome(page, title);
  const timing = await openFromHome(page, title);
  await waitForLive(page);
  await page.evaluate(() => performance.clearMarks('sitrep:read-model-saved'));
  await page.getByRole('button', { name: '← Incidents' }).click();
  await page.waitForFunction(() => performance.getEntriesByName('sitrep:read-model-saved').length > 0, undefined, { timeout: 120_000 });
  return timing;
}
