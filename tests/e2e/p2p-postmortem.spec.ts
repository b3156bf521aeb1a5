// A real incident's public postmortem timeline (GitLab.com, 31 January 2017: 30 events, four people,
// about 25 hours) played into Sitrep through the UI by two laptops on a real network: the IC's and a
// responder's, one browser process each, WebRTC over loopback inside a loopback-only namespace
// (npm run test:p2p). The first third is typed live on both laptops with a time prefix and "Said
// by"; the responder goes offline for the second third and both keep writing; the last third is
// back-filled on the IC's laptop from a pasted chat log; then the responder reconnects. The JSON
// and CSV exports of each laptop carry every source event exactly once, in the order of the
// source, with its source time and its real author.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { SignalingServer } from '../../src/main/signaling/server';
import { at, POSTMORTEM_STARTED_AT, POSTMORTEM_TITLE, SOURCE, type Who } from '../fixtures/postmortem-gitlab-2017';
import { parseExportedCsv } from '../support/strictCsv';
import { addPerson, localInputValue, readTimeline, StillClock, screenshotsAtLaptopSizes } from './support/app';
import {
  copyJoinCode,
  joinWithCode,
  openConnection,
  Peer,
  requireLoopbackOnlyNetwork,
  setSignalingAddress,
  startTestSignaling,
} from './support/p2p';

// Safety nets against a hang, not bounds on speed: 30 entries typed through two browsers.
test.describe.configure({ mode: 'serial', timeout: 480_000 });

type SourceEvent = (typeof SOURCE)[number];

const IC: Who = 'Lee Park';
const RESPONDER: Who = 'Sam Okoro';
const KIND_LABEL = { note: 'Note', fact: 'Fact', decision: 'Decision', action: 'Action' } as const;

// The wall clock of both laptops, standing still, moved only while the responder is offline (a
// clock that jumps during a connection would tell nothing about the record): the first third is
// typed just after its last event, the second just after its own, the back-fill the next evening.
const FIRST_THIRD_TYPED_AT = new Date('2017-01-31T22:16:00Z');
const SECOND_THIRD_TYPED_AT = new Date('2017-01-31T23:46:00Z');
const BACKFILLED_AT = new Date('2017-02-01T19:00:00Z');

/** Who types an event live: the responder types his own and Dana's (he sits beside her), the IC the rest. */
const typedByResponder = ([, who]: SourceEvent): boolean => who === RESPONDER || who === 'Dana Weiss';

let signaling: { server: SignalingServer; url: string };
const peers: Peer[] = [];

test.beforeAll(async () => {
  requireLoopbackOnlyNetwork();
  signaling = await startTestSignaling();
});

test.afterEach(async () => {
  for (const p of peers) expect(p.errors, `uncaught errors in ${p.name}'s page`).toEqual([]);
  await Promise.all(peers.splice(0).map((p) => p.stop()));
});

test.afterAll(async () => {
  await signaling?.server.close();
});

async function setClocks(pages: readonly Page[], to: Date): Promise<void> {
  for (const page of pages) await page.clock.setFixedTime(to);
}

/** "2017-01-31 19:10Z Block the spamming accounts…": the quick entry's time prefix with its zone. */
function withTimePrefix([time, , , text]: SourceEvent): string {
  return `${time.slice(0, 10)} ${time.slice(11, 16)}Z ${text}`;
}

/** Types one event into quick entry as it is said in the room: its kind, its time, who said it. */
async function typeLive(page: Page, me: Who, event: SourceEvent): Promise<void> {
  const [, who, kind] = event;
  const quick = page.getByRole('form', { name: 'Quick entry' });
  const box = quick.getByLabel('Entry text');
  await quick.getByRole('radio', { name: KIND_LABEL[kind], exact: true }).click();
  if (who !== me) await quick.getByLabel('Said by').selectOption({ label: who });
  await box.fill(withTimePrefix(event));
  await expect(quick.getByRole('status', { name: 'When the entry happened' })).toContainText('Happened');
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

async function declareThePostmortem(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Declare incident' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Declare incident' });
  await dialog.getByLabel('Title').fill(POSTMORTEM_TITLE);
  await dialog.getByLabel('Severity', { exact: true }).selectOption('SEV1');
  await dialog.getByLabel('Started', { exact: true }).fill(localInputValue(new Date(POSTMORTEM_STARTED_AT)));
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: POSTMORTEM_TITLE })).toBeVisible();
}

/** Pastes the chat log of the given events into the Back-fill dialog, gives each line its kind, and adds them. */
async function backfill(page: Page, events: readonly SourceEvent[]): Promise<void> {
  await page.getByRole('button', { name: 'Back-fill from a log' }).click();
  const dialog = page.getByRole('dialog', { name: 'Back-fill from a log' });
  // ISO timestamps with their zone, as a chat export writes them: read the same in any zone.
  await dialog.getByLabel('Log text').fill(events.map(([time, who, , text]) => `${time} ${who}: ${text}`).join('\n'));
  for (const [index, [, who, kind]] of events.entries()) {
    const line = dialog.getByRole('row', { name: `Line ${index + 1}`, exact: true });
    await line.getByLabel(`Kind of line ${index + 1}`).selectOption({ label: KIND_LABEL[kind] });
    await expect(dialog.getByLabel(`Who is ${who}`).locator('option:checked')).toHaveText(who === IC ? `${who} (me)` : who);
  }
  await dialog.getByRole('button', { name: `Add ${events.length} entries` }).click();
  await expect(dialog).toBeHidden();
}

async function exportAs(page: Page, format: RegExp): Promise<string> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export incident' });
  await dialog.getByRole('radio', { name: format }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  await expect(dialog).toBeHidden();
  return readFile(await download.path(), 'utf8');
}

interface ExportedEntry {
  readonly kind: string;
  readonly text: string;
  readonly at: number;
  readonly authorName: string;
  readonly saidByName?: string;
}

/** The source as the exports must carry it: ISO time, real author, kind, text, in source order. */
const EXPECTED = SOURCE.map(([time, who, kind, text]) => [new Date(at(time)).toISOString(), who, kind, text]);

function authoredFromJson(json: string): string[][] {
  const { timeline } = JSON.parse(json) as { timeline: ExportedEntry[] };
  return timeline
    .filter((entry) => entry.kind !== 'event')
    .map((entry) => [new Date(entry.at).toISOString(), entry.saidByName ?? entry.authorName, entry.kind, entry.text]);
}

function authoredFromCsv(csv: string): string[][] {
  const [header, ...rows] = parseExportedCsv(csv);
  if (!header) throw new Error('the CSV export is empty');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`the CSV export has no ${name} column: ${header.join(',')}`);
    return index;
  };
  const [time, author, kind, text, saidBy] = ['utc_time', 'author', 'kind', 'text', 'said_by'].map(column) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return rows
    .filter((row) => row[kind] !== 'event')
    .map((row) => [row[time] ?? '', row[saidBy] || row[author] || '', row[kind] ?? '', row[text] ?? '']);
}

test('a public postmortem played in by two laptops, one offline for a third and a third back-filled, exports every event once, in order, with its time and author', async () => {
  const ic = new Peer(IC);
  const responder = new Peer(RESPONDER);
  peers.push(ic, responder);
  const icPage = await ic.start();
  const rPage = await responder.start();
  await StillClock.start(icPage, FIRST_THIRD_TYPED_AT);
  await StillClock.start(rPage, FIRST_THIRD_TYPED_AT);

  // The IC declares (backdated to the first event), adds the people, and invites the responder,
  // who joins as the Sam Okoro the IC already added.
  await declareThePostmortem(icPage);
  for (const name of ['Sam Okoro', 'Dana Weiss', 'Kim Sato']) await addPerson(icPage, name);
  await setSignalingAddress(icPage, signaling.url);
  const code = await copyJoinCode(icPage);
  await joinWithCode(rPage, code, { person: RESPONDER });
  await expect(rPage.getByRole('heading', { level: 1, name: POSTMORTEM_TITLE })).toBeVisible();
  await expect(icPage.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible();

  // First third, together: typed live on both laptops; each sees the other's.
  const firstThird = SOURCE.slice(0, 10);
  for (const event of firstThird) {
    if (typedByResponder(event)) await typeLive(rPage, RESPONDER, event);
    else await typeLive(icPage, IC, event);
  }
  const firstTexts = firstThird.map(([, , , text]) => text);
  for (const page of [icPage, rPage]) expect(await readTimeline(page, firstTexts)).toEqual(expect.arrayContaining(firstTexts));

  // Second third, apart: the responder's laptop goes offline; both keep writing what they see.
  const offline = await openConnection(rPage);
  await offline.getByRole('button', { name: 'Go offline' }).click();
  await offline.getByRole('button', { name: 'Close' }).click();
  await expect(rPage.getByRole('button', { name: 'Connection: Offline (paused)' })).toBeVisible();
  const icApart = await openConnection(icPage);
  await expect(icApart.getByLabel('Peers connected')).toHaveText('0');
  await icApart.getByRole('button', { name: 'Close' }).click();
  await setClocks([icPage, rPage], SECOND_THIRD_TYPED_AT);
  const secondThird = SOURCE.slice(10, 20);
  for (const event of secondThird) {
    if (typedByResponder(event)) await typeLive(rPage, RESPONDER, event);
    else await typeLive(icPage, IC, event);
  }

  // Last third, the next evening, still apart: the IC back-fills the recovery from the chat log.
  await setClocks([icPage, rPage], BACKFILLED_AT);
  await backfill(icPage, SOURCE.slice(20));

  // Back together: everything reaches both laptops.
  const again = await openConnection(rPage);
  await again.getByRole('button', { name: 'Reconnect' }).click();
  await again.getByRole('button', { name: 'Close' }).click();
  await expect(icPage.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible();
  const allTexts = SOURCE.map(([, , , text]) => text);
  for (const page of [icPage, rPage]) {
    await expect
      .poll(
        async () => {
          const shown = new Set(await readTimeline(page, allTexts));
          return allTexts.filter((text) => !shown.has(text));
        },
        {
          message: 'every source event reaches this laptop',
          timeout: 30_000,
        },
      )
      .toEqual([]);
  }
  await screenshotsAtLaptopSizes(icPage, 'p2p-postmortem-ic');
  await screenshotsAtLaptopSizes(rPage, 'p2p-postmortem-responder');

  // Each laptop's exports: every source event exactly once, in source order, with its time and real author.
  for (const page of [icPage, rPage]) {
    expect(authoredFromJson(await exportAs(page, /^JSON/))).toEqual(EXPECTED);
    const csv = authoredFromCsv(await exportAs(page, /^CSV/));
    expect(csv).toEqual(EXPECTED);
  }
});
