// Two responders in one room, each laptop in its own language (real WebRTC on loopback, one
// browser process each, inside a loopback-only network namespace: npm run test:p2p). The
// commander's laptop speaks Japanese, the responder's Russian. The commander adds a task for the
// responder and raises the severity: each laptop shows those automatic entries in its own
// language (exactly as that language's catalog renders the event), and never in the other's;
// the responder's own note reads as written on both.
import { expect, test } from '@playwright/test';
import { requireLoopbackOnlyNetwork, startTestSignaling } from './support/p2p';
import {
  addTaskIn,
  copyJoinCodeIn,
  declareIn,
  entryTexts,
  joinAsNewPersonIn,
  LanguagePeer,
  setSignalingAddressIn,
  writeNoteIn,
} from './support/languages';

test.describe.configure({ timeout: 240_000 });

const TITLE = '決済 API が 500 を返す';
const TASK = 'レプリカの遅延を調査';
const NOTE = 'Реплика отстаёт на сорок секунд, начиная с 14:02';

test('the commander reads Japanese, the responder Russian: the same automatic entries, each in its reader language', async () => {
  requireLoopbackOnlyNetwork();
  const signaling = await startTestSignaling();
  const ic = new LanguagePeer('鈴木 一郎', 'ja');
  const responder = new LanguagePeer('Анна Смирнова', 'ru');
  try {
    const icPage = await ic.start();
    const rPage = await responder.start();
    await expect(icPage.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(rPage.locator('html')).toHaveAttribute('lang', 'ru');

    await declareIn(icPage, ic.t, { title: TITLE, severity: 'SEV2' });
    await setSignalingAddressIn(icPage, ic.t, signaling.url);
    const code = await copyJoinCodeIn(icPage, ic.t);
    await joinAsNewPersonIn(rPage, responder.t, code);
    await expect(rPage.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

    // The commander sees the responder join, in Japanese.
    const joined = (t: typeof ic.t) => t('events:person.joined', { name: responder.name });
    await expect(icPage.getByTestId('entry-text').filter({ hasText: joined(ic.t) })).toHaveCount(1);

    // The commander assigns a task to the responder and raises the severity.
    await addTaskIn(icPage, ic.t, { title: TASK, assignee: responder.name });
    await icPage.getByRole('combobox', { name: ic.t('warroom:header.severity'), exact: true }).selectOption('SEV1');
    await expect(rPage.getByRole('combobox', { name: responder.t('warroom:header.severity'), exact: true })).toHaveValue('SEV1');
    // The responder writes a note in Russian.
    await writeNoteIn(rPage, responder.t, NOTE);

    const automatic = (t: typeof ic.t) => [
      t('events:incident.declared', { title: TITLE, severity: 'SEV2' }),
      joined(t),
      t('events:task.created', { title: TASK, assignee: responder.name }),
      t('events:incident.severityChanged', { from: 'SEV2', to: 'SEV1' }),
    ];
    for (const [peer, other] of [
      [ic, responder],
      [responder, ic],
    ] as const) {
      const page = peer.page;
      // Everything has arrived on this laptop: the other side's last change and its own.
      await expect(page.getByTestId('entry-text').filter({ hasText: NOTE })).toHaveCount(1, { timeout: 20_000 });
      await expect(page.getByTestId('entry-text').filter({ hasText: automatic(peer.t)[3]! })).toHaveCount(1, { timeout: 20_000 });
      const texts = await entryTexts(page);
      for (const text of automatic(peer.t)) expect(texts, `${peer.name}'s timeline (${peer.language})`).toContain(text);
      for (const text of automatic(other.t))
        expect(texts, `${peer.name}'s timeline has no ${other.language} rendering`).not.toContain(text);
      // What a person wrote stays as written, whoever reads it.
      expect(texts).toContain(NOTE);
    }
    // Both laptops hold the same entries, in the same order: only their words differ.
    expect((await entryTexts(icPage)).length).toBe((await entryTexts(rPage)).length);

    for (const peer of [ic, responder]) expect(peer.errors, `uncaught errors in ${peer.name}'s page`).toEqual([]);
  } finally {
    await Promise.all([ic.stop(), responder.stop()]);
    await signaling.server.close();
  }
});
