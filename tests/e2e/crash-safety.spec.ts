// Crash safety: Chromium is SIGKILLed 20 times in the middle of continuous writes through the
// quick-entry box. Every time, the store opens again and every entry that the save indicator
// had shown as saved before the kill is in the timeline.
//
// Between a kill and the next start, the test runs the desktop app's start-up repair, which cuts
// off a LevelDB log record the kill left half-written (src/main/leveldb-repair.ts): Chromium would
// otherwise delete the whole store two starts later. Nothing written in full is touched, and
// every check runs after every kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import config, { CHROMIUM_ARGS } from '../../playwright.config';
import { FULL, LOG_BLOCK, LOG_HEADER, repairTornLevelDbTails } from '../../src/main/leveldb-repair';
import { BASE_URL, completeFirstRun, declareIncident, readTimeline } from './support/app';
// Seeded, so a failing kill moment can be replayed.
import { mulberry32 as seededRandom } from '../support/seededRandom';

const KILLS = 20;
const TITLE = 'Crash test: writes survive SIGKILL';
/** Change with SITREP_CRASH_SEED to explore other kill moments; the default keeps runs repeatable. */
const SEED = Number(process.env.SITREP_CRASH_SEED ?? 20261121);
const SAVED = 'All changes saved';

const executablePath = config.use?.launchOptions?.executablePath ?? chromium.executablePath();

/*
 * Why the test repairs Chromium's LevelDB logs between kills (found from the CI failure of
 * 3ef03b3, where start 13, not start 1, showed the first-run dialog):
 * - Chromium's IndexedDB is a LevelDB whose log is a run of 32 KiB blocks of records, each a
 *   7-byte header (CRC, length, type) and a payload. Chromium writes them as two write() calls
 *   (strace: write(fd, 7) then write(fd, 28903)), so a SIGKILL between them, or inside the
 *   payload's, leaves the log ending in a record cut short. That record's transaction never
 *   completed, so the app never showed it as saved.
 * - The next open reads up to the cut (LevelDB ignores a cut-short last record) and then, with
 *   the log reuse Chromium turns on ("Reusing old log" in the store's LOG), appends new records
 *   after the cut bytes. The open after that meets them mid-log and fails with "Corruption:
 *   checksum mismatch" (or "partial record without end"), and Chromium deletes the origin's
 *   whole IndexedDB ("IndexedDB recovering from a corrupted (and deleted) database"): the app
 *   starts empty, with the first-run dialog.
 * The desktop app's main process cuts such a record off the end at every start, before the
 * window opens (src/main/leveldb-repair.ts), as LevelDB's own recovery discards it in memory:
 * only bytes after the last whole record. This test runs Chromium without Electron, so it runs
 * that same function between a kill and the next start, where Electron's main would.
 */
/** The app's own repair (src/main/leveldb-repair.ts, run by Electron's main process at start), on this profile's store. */
function repairTornLogTails(profileDir: string): string[] {
  return repairTornLevelDbTails(join(profileDir, 'Default', 'IndexedDB'));
}

/**
 * A Chromium we start ourselves, in its own process group, so that SIGKILL takes the browser
 * and all of its child processes down at once, as a power cut or an OOM kill would.
 */
class KillableBrowser {
  private constructor(
    private readonly child: ChildProcess,
    readonly browser: Browser,
    readonly page: Page,
    /** Chromium's log lines about its storage (IndexedDB, LevelDB, quota), for a failure's report. */
    readonly storageLog: string[],
  ) {}

  static async start(profileDir: string): Promise<KillableBrowser> {
    const child = spawn(
      executablePath,
      [
        ...CHROMIUM_ARGS,
        `--user-data-dir=${profileDir}`,
        '--remote-debugging-address=127.0.0.1',
        '--remote-debugging-port=0',
        '--no-default-browser-check',
        '--password-store=basic',
        '--window-size=1440,900',
        // Chromium logs what it does to a store it cannot open (it deletes one it finds corrupt).
        '--enable-logging=stderr',
        'about:blank',
      ],
      { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // stderr is drained for the browser's whole life (a full pipe would block Chromium); its
    // storage lines are kept for a failure's report.
    const storageLog: string[] = [];
    let output = '';
    let partial = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (output.length < 100_000) output += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (/indexed_?db|leveldb|quota|corrupt/i.test(line) && storageLog.length < 200) storageLog.push(line);
    });
    const endpoint = await new Promise<string>((resolve, reject) => {
      // A safety net against a Chromium that hangs at start, generous for a loaded machine.
      const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port in 60 s:\n${output}`)), 60_000);
      const ready = () => {
        const match = /DevTools listening on (ws:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(output);
        if (!match) return;
        clearTimeout(timer);
        child.stderr!.off('data', ready);
        resolve(match[1]!);
      };
      child.stderr!.on('data', ready);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited before it was ready (code ${code}, signal ${signal}):\n${output}`));
      });
    });
    const browser = await chromium.connectOverCDP(endpoint);
    const context = browser.contexts()[0]!;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width: 1440, height: 900 });
    return new KillableBrowser(child, browser, page, storageLog);
  }

  /** SIGKILL to the whole process group; resolves once the browser process is gone. */
  async kill(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    process.kill(-this.child.pid!, 'SIGKILL');
    await exited;
    // The browser's exit is not its children's: the storage service may still be in a system
    // call. The profile is read and repaired only once the whole group is gone.
    for (let polls = 0; groupAlive(this.child.pid!); polls++) {
      // A safety net: a SIGKILLed process ends once its current system call returns.
      if (polls > 1500) throw new Error(`Chromium's processes outlived SIGKILL by 30 s (group ${this.child.pid})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A clean shutdown, for the last start. */
  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    if (this.child.exitCode === null && this.child.signalCode === null) await this.kill();
  }
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Opens the incident from Home and checks that the store opened it as a war room. */
async function openIncident(page: Page): Promise<void> {
  await page.goto(BASE_URL);
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await expect(page.getByText('Sitrep could not open its local storage')).toHaveCount(0);
  await page
    .getByRole('button', { name: new RegExp(TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText('This incident cannot be opened')).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(SAVED);
}

/** Reads the newest-first timeline until every expected text is found; returns those missing. */
async function missingFromTimeline(page: Page, expected: readonly string[]): Promise<string[]> {
  if (expected.length === 0) return [];
  const shown = new Set(await readTimeline(page, expected));
  return expected.filter((text) => !shown.has(text));
}

interface RunResult {
  readonly written: number;
  /** Entries the UI showed as saved (indicator "All changes saved" with the entry on screen). */
  readonly claimed: readonly string[];
}

interface Progress {
  readonly written: number;
  readonly claimed: number;
}

/**
 * Writes entries one after another into the quick-entry box until the browser dies. The loop
 * runs in the page, so that Playwright's round trips do not set the pace: it types into the box
 * as React sees typing (value setter plus input event), presses Enter, waits until the entry
 * shows in the timeline, then reads the save indicator in the same DOM read. "All changes
 * saved" then vouches for that entry and every one written before it, and the claim goes to
 * the test through a binding at once, before the next entry is typed.
 *
 * The kill comes from inside a binding, at the step `killNow` picks from the run's progress
 * (entries written and vouched for), not after a span of wall-clock time: the same steps are
 * reached on a fast or a slow machine, and the page's saves are still in flight when it dies.
 */
async function writeUntilKilled(
  page: Page,
  run: number,
  settleEvery: number,
  killNow: (progress: Progress) => boolean,
  kill: () => void,
): Promise<RunResult> {
  const claimed: string[] = [];
  let written = 0;
  let killed = false;
  const step = () => {
    if (!killed && killNow({ written, claimed: claimed.length })) {
      killed = true;
      kill();
    }
  };
  await page.exposeFunction('__sitrepWritten', (count: number) => {
    written = count;
    step();
  });
  await page.exposeFunction('__sitrepClaimSaved', (upTo: number) => {
    for (let n = claimed.length; n <= upTo; n++) claimed.push(`run ${run} entry ${n}`);
    step();
  });
  await page
    .evaluate(
      async ({ runNumber, settleEvery }) => {
        const w = window as unknown as { __sitrepWritten(n: number): Promise<void>; __sitrepClaimSaved(n: number): Promise<void> };
        const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Entry text"]');
        if (!box) throw new Error('no quick-entry box');
        const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
        // Newest first: each new entry shows at the top, where reading the timeline may have left it scrolled away from.
        const scroller = document.querySelector('[aria-label="Timeline entries"]');
        if (!scroller) throw new Error('no timeline');
        scroller.scrollTop = 0;
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        for (let n = 0; ; n++) {
          const text = `run ${runNumber} entry ${n}`;
          setValue.call(box, text);
          box.dispatchEvent(new Event('input', { bubbles: true }));
          await frame();
          box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
          await w.__sitrepWritten(n + 1);
          for (let wait = 0; ; wait++) {
            // A safety net against an entry that never shows, counted in frames (which come only
            // as fast as the machine renders), not a bound on speed: it shows in a frame or two.
            if (wait > 3000) throw new Error(`the entry "${text}" did not show in the timeline`);
            const shown = [...document.querySelectorAll('[data-testid="entry-text"]')].some((node) => node.textContent === text);
            if (shown) break;
            await frame();
          }
          const saved = () => document.querySelector('[aria-label="Save status"]')?.textContent === 'All changes saved';
          // Every `settleEvery` entries the loop waits for the indicator to say saved, so that it
          // vouches for some entries however slow saving is next to typing; in between, entries
          // follow each other at once and the indicator vouches only when saving keeps up.
          if ((n + 1) % settleEvery === 0) {
            for (let wait = 0; !saved(); wait++) {
              if (wait > 6000) throw new Error(`the save indicator did not say saved after "${text}"`);
              await frame();
            }
          }
          if (saved()) await w.__sitrepClaimSaved(n);
        }
      },
      { runNumber: run, settleEvery },
    )
    .catch((error: unknown) => {
      // The kill ends the loop: the page, its target or the connection is gone mid-call. Before
      // the kill, a failure is the test's to report.
      if (!killed) throw error;
    });
  return { written, claimed: [...claimed] };
}

/**
 * Each test's cleanup (its browsers killed, its profiles removed; a failure's profile kept).
 * It runs in afterEach because a timeout abandons the test body, finally blocks included.
 */
let afterTest: ((failed: boolean) => Promise<void>) | null = null;
test.afterEach(async () => {
  const cleanup = afterTest;
  afterTest = null;
  const info = test.info();
  await cleanup?.(info.status !== info.expectedStatus);
});

/** Gives up on a run whose save indicator never vouches for an entry, instead of writing forever. */
const MAX_ENTRIES_PER_RUN = 500;

test('every entry shown as saved survives 20 SIGKILLs mid-write, and the store always opens', async () => {
  // A safety net, not a bound on speed: 21 browser starts and as many timeline reads take about
  // 2 minutes on two idle cores and about 4 on one core shared with a busy loop (taskset -c 0),
  // but 5 to 7 on two cores at load average 23, and 16 kills took 15 minutes pinned to one of
  // those cores next to a busy loop.
  test.setTimeout(2_400_000);
  const random = seededRandom(SEED);
  const profileDir = mkdtempSync(join(tmpdir(), 'sitrep-crash-'));
  const allClaimed: string[] = [];
  const stats = { written: 0, claimed: 0, unclaimedAtKill: 0 };
  /** Half-written LevelDB records cut off after a kill, reported with the run's numbers. */
  const repairs: string[] = [];
  let current: KillableBrowser | null = null;
  const storageLogs: { run: number; lines: readonly string[] }[] = [];
  afterTest = async (failed) => {
    if (current) await current.kill().catch(() => undefined);
    if (failed) {
      // What Chromium said about its storage at each start, and the profile as the failure left
      // it (IndexedDB's LevelDB files, the quota database), to tell a lost write from a lost store.
      const log = [
        ...storageLogs.map(({ run, lines }) => `start ${run}:\n${lines.join('\n')}`),
        `half-written records cut off: ${repairs.join('; ') || 'none'}`,
      ].join('\n');
      await test.info().attach('chromium-storage-log', { body: log, contentType: 'text/plain' });
      cpSync(profileDir, test.info().outputPath('profile'), { recursive: true, verbatimSymlinks: true });
    }
    rmSync(profileDir, { recursive: true, force: true });
  };
  for (let run = 0; run <= KILLS; run++) {
    current = await KillableBrowser.start(profileDir);
    storageLogs.push({ run, lines: current.storageLog });
    const { page } = current;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    if (run === 0) {
      await page.goto(BASE_URL);
      await completeFirstRun(page, 'Crash Tester');
      await declareIncident(page, { title: TITLE, severity: 'SEV2' });
      await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(SAVED);
    } else {
      await openIncident(page);
      // The last run's saved entries first (they are at the top), then, at the end, all of them.
      const previous = allClaimed.filter((text) => text.startsWith(`run ${run - 1} `));
      expect(await missingFromTimeline(page, previous), `entries shown as saved before kill ${run}`).toEqual([]);
    }
    expect(pageErrors, `uncaught errors in the page after start ${run}`).toEqual([]);
    if (run === KILLS) {
      const timeline = new Set(await readTimeline(page));
      expect(
        allClaimed.filter((text) => !timeline.has(text)),
        'entries shown as saved, after all kills',
      ).toEqual([]);
      await current.close();
      current = null;
      break;
    }

    // Killed once this many entries are written and the indicator has vouched for one at least;
    // a run where it never vouches is a failure of the indicator, not a reason to write forever.
    const killAfterWritten = 2 + Math.floor(random() * 40);
    const settleEvery = 3 + Math.floor(random() * 8);
    const browser = current;
    let exited: Promise<void> = Promise.resolve();
    const result = await writeUntilKilled(
      page,
      run,
      settleEvery,
      ({ written, claimed }) => (written >= killAfterWritten && claimed > 0) || written >= MAX_ENTRIES_PER_RUN,
      () => {
        exited = browser.kill();
      },
    );
    await exited;
    current = null;
    const cuts = repairTornLogTails(profileDir);
    if (cuts.length > 0) repairs.push(`kill ${run + 1}: ${cuts.join(', ')}`);
    expect(result.claimed.length, `entries the save indicator vouched for in run ${run} of ${result.written} written`).toBeGreaterThan(0);
    allClaimed.push(...result.claimed);
    stats.written += result.written;
    stats.claimed += result.claimed.length;
    stats.unclaimedAtKill += result.written - result.claimed.length;
  }
  // The test proves something only if kills did cut writes: entries written, not yet vouched for.
  expect(stats.unclaimedAtKill, 'entries in flight at a kill').toBeGreaterThan(0);
  test.info().annotations.push({
    type: 'crash-safety',
    description: `seed ${SEED}: ${KILLS} kills, ${stats.written} entries written, ${stats.claimed} shown as saved and all found, ${stats.unclaimedAtKill} not yet shown as saved at a kill, ${repairs.length} half-written LevelDB records cut off`,
  });
  console.log(
    `crash-safety: seed ${SEED}, ${KILLS} kills, ${stats.written} written, ${stats.claimed} shown as saved (all present), ${stats.unclaimedAtKill} in flight at kills; half-written LevelDB records cut off: ${repairs.length === 0 ? 'none' : repairs.join('; ')}`,
  );
});

/** Writes one entry through the quick-entry box and waits until the save indicator vouches for it. */
async function writeSavedEntry(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Entry text');
  await box.fill(text);
  await box.press('Enter');
  await expect(page.getByTestId('entry-text').filter({ hasText: text })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(SAVED);
}

/**
 * Ends the origin's IndexedDB log as a SIGKILL between Chromium's two write() calls of a record
 * leaves it: a whole header, then only part of the payload it announces.
 */
function tearLogEnd(profileDir: string): number {
  const base = join(profileDir, 'Default', 'IndexedDB');
  const store = readdirSync(base).find((name) => name.endsWith('.leveldb'));
  if (!store) throw new Error(`no IndexedDB store in ${base}`);
  const logs = readdirSync(join(base, store))
    .filter((name) => name.endsWith('.log'))
    .sort();
  const path = join(base, store, logs[logs.length - 1]!);
  const size = readFileSync(path).length;
  let left = LOG_BLOCK - (size % LOG_BLOCK);
  const padding = left < LOG_HEADER ? left : 0;
  if (padding > 0) left = LOG_BLOCK;
  const announced = Math.min(200, left - LOG_HEADER);
  const header = Buffer.alloc(LOG_HEADER);
  header.writeUInt32LE(0x12345678, 0);
  header.writeUInt16LE(announced, 4);
  header[6] = FULL;
  const torn = Buffer.concat([Buffer.alloc(padding), header, Buffer.alloc(Math.floor(announced / 2), 0x61)]);
  appendFileSync(path, torn);
  return torn.length;
}

test('a log record a kill left half-written is cut off before the next start; left in place, Chromium deletes the store two starts later', async () => {
  // Safety net: four browser starts on a loaded core.
  test.setTimeout(240_000);
  const profileDir = mkdtempSync(join(tmpdir(), 'sitrep-torn-'));
  const controlDir = `${profileDir}-uncut`;
  const open: KillableBrowser[] = [];
  const start = async (dir: string) => {
    const browser = await KillableBrowser.start(dir);
    open.push(browser);
    return browser;
  };
  afterTest = async () => {
    for (const browser of open) await browser.kill().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(controlDir, { recursive: true, force: true });
  };
  let browser = await start(profileDir);
  await browser.page.goto(BASE_URL);
  await completeFirstRun(browser.page, 'Crash Tester');
  await declareIncident(browser.page, { title: TITLE, severity: 'SEV2' });
  await writeSavedEntry(browser.page, 'before the torn write');
  // A clean close, so that the only torn record is the one made below.
  await browser.close();

  const tornBytes = tearLogEnd(profileDir);
  cpSync(profileDir, controlDir, { recursive: true, verbatimSymlinks: true });
  const cuts = repairTornLogTails(profileDir);
  expect(cuts, 'what the repair cut').toEqual([
    expect.stringMatching(new RegExp(`^[^/]+\\.indexeddb\\.leveldb/\\d+\\.log: ${tornBytes} of \\d+ bytes$`)),
  ]);
  expect(repairTornLogTails(profileDir), 'a second repair finds nothing to cut').toEqual([]);

  // The same two starts on the cut profile and on the uncut copy: one session that writes and
  // is killed, then the start where Chromium reads the log again.
  for (const dir of [profileDir, controlDir]) {
    browser = await start(dir);
    await openIncident(browser.page);
    await writeSavedEntry(browser.page, 'after the torn write');
    await browser.kill();
    browser = await start(dir);
    await browser.page.goto(BASE_URL);
    if (dir === profileDir) {
      await openIncident(browser.page);
      expect(await missingFromTimeline(browser.page, ['before the torn write', 'after the torn write'])).toEqual([]);
    } else {
      // Chromium's own fault, shown so that this test fails the day Chromium stops deleting the
      // store (the repair can then go): the uncut log is "corrupt" and the store is gone.
      await expect(browser.page.getByRole('dialog', { name: 'Welcome to Sitrep' })).toBeVisible();
      expect(browser.storageLog.join('\n')).toMatch(/corrupt/i);
    }
    await browser.kill();
  }
});
