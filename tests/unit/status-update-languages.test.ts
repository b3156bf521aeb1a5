// Status updates, the handoff briefing and the review draft in the readers' language: every
// template (initial, update, resolution x internal, executive, customer) in English, Japanese,
// Simplified Chinese and Russian, with times in the chosen zone (each naming it) and durations in
// that language; the posted update records its language.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPerson,
  confirmHypothesis,
  createTask,
  declareIncident,
  postStatusUpdate,
  proposeHypothesis,
  recordEntry,
  setTaskStatus,
  updateIncidentDetails,
} from '@core/commands';
import { composeHandoffBriefing } from '@core/handoffBriefing';
import { LANGUAGES, type Language } from '@core/i18n';
import { UPDATE_AUDIENCES, UPDATE_TEMPLATES } from '@core/model';
import { DEFAULT_POLICY } from '@core/policy';
import { readCollection, readSnapshot } from '@core/read';
import { draftReviewText } from '@core/review';
import { composeStatusUpdate } from '@core/statusUpdates';
import { resetTimeDisplay, setTimeDisplay } from '@core/time/display';
import { actor, testClock } from './support/incident';

const MIN = 60_000;

function incident() {
  const clock = testClock();
  const doc = new Y.Doc();
  const ic = actor('ic-profile', 'Avery Quinn', clock);
  declareIncident(doc, { title: 'Checkout errors', severity: 'SEV1', summary: 'Payments failing', services: ['payments-api'] }, ic);
  updateIncidentDetails(doc, { impact: 'Card payments fail for Dana Okafor and customers on payments-api' }, ic);
  const dana = addPerson(doc, { name: 'Dana Okafor' }, ic);
  clock.advance(MIN);
  const cause = proposeHypothesis(doc, { statement: 'The 14:02 deploy broke tokenisation' }, ic);
  confirmHypothesis(doc, { hypothesisId: cause }, ic);
  recordEntry(doc, { kind: 'fact', text: 'Error rate reached 38%' }, ic);
  const task = createTask(doc, { title: 'Roll back the deploy', assigneeId: dana }, ic);
  setTaskStatus(doc, { taskId: task, status: 'doing' }, ic);
  clock.advance(84 * MIN);
  return { doc, ic, clock, snapshot: readSnapshot(doc)! };
}

/** A line of each template in each language, and the same customer line in each (the "what you may notice" one). */
const SIGNATURE: Record<Language, { internal: string; executive: string; customer: string; lasted: string; noticeNoNames: string }> = {
  en: {
    internal: '[SEV1] Incident update: Checkout errors',
    executive: 'Update on the critical incident: Checkout errors.',
    customer: 'We are investigating an issue.',
    lasted: 'It lasted 1 hour 25 minutes.',
    noticeNoNames: 'What you may notice: Card payments fail for our team and customers on one of our services.',
  },
  ja: {
    internal: '[SEV1] インシデント状況報告：Checkout errors',
    executive: '重大インシデントの続報：Checkout errors。',
    customer: '現在、問題を調査しております。',
    lasted: '継続時間は1時間25分でした。',
    noticeNoNames: 'お客様への影響：Card payments fail for 担当チーム and customers on 当社サービスの一部。',
  },
  'zh-CN': {
    internal: '[SEV1] 事件进展：Checkout errors',
    executive: '严重事件进展：Checkout errors。',
    customer: '我们正在调查一个问题。',
    lasted: '持续了1小时25分钟。',
    noticeNoNames: '您可能注意到：Card payments fail for 我们的团队 and customers on 我们的某项服务。',
  },
  ru: {
    internal: '[SEV1] Сводка по инциденту: Checkout errors',
    executive: 'Сводка: критический инцидент «Checkout errors».',
    customer: 'Мы расследуем проблему.',
    lasted: 'Инцидент длился 1 час 25 минут.',
    noticeNoNames: 'Что вы можете заметить: Card payments fail for наша команда and customers on один из наших сервисов.',
  },
};

afterEach(() => resetTimeDisplay());

describe.each(LANGUAGES)('status updates in %s', (language) => {
  const { snapshot, clock } = incident();
  const compose = (audience: (typeof UPDATE_AUDIENCES)[number], template: (typeof UPDATE_TEMPLATES)[number], timeZone = 'UTC') =>
    composeStatusUpdate(snapshot, { audience, template, now: clock.now, timeZone, language, policy: DEFAULT_POLICY }).text;

  it('has every template for every audience, in the language, with no key or argument left over', () => {
    for (const audience of UPDATE_AUDIENCES) {
      for (const template of UPDATE_TEMPLATES) {
        const text = compose(audience, template);
        expect(text, `${audience}/${template}`).not.toMatch(/updates:|template\.|\{[a-zA-Z]+\}/);
        expect(text.length).toBeGreaterThan(20);
      }
    }
    expect(compose('internal', 'update')).toContain(SIGNATURE[language].internal);
    expect(compose('executive', 'update')).toContain(SIGNATURE[language].executive);
    expect(compose('customer', 'update')).toContain(SIGNATURE[language].customer);
    expect(compose('executive', 'resolution')).toContain(SIGNATURE[language].lasted);
  });

  it('keeps names and systems out of a customer update in that language', () => {
    expect(compose('customer', 'update')).toContain(SIGNATURE[language].noticeNoNames);
  });

  it('writes times in the chosen zone, each naming it', () => {
    const tokyo = compose('internal', 'initial', 'Asia/Tokyo');
    // Declared 09:00 UTC (the test clock's start) is 18:00 in Tokyo; the next update (SEV1: 30 minutes) at 10:55 UTC.
    expect(tokyo).toContain('18:00 UTC+09:00');
    expect(tokyo).toContain('19:55 UTC+09:00');
    expect(compose('internal', 'initial', 'UTC')).toContain('09:00 UTC');
  });
});

describe('the posted update', () => {
  it('records its language, and an update posted without one reads as null', () => {
    const { doc, ic, clock } = incident();
    postStatusUpdate(doc, { audience: 'customer', template: 'update', text: 'Мы расследуем проблему.', language: 'ru' }, ic);
    clock.advance(MIN);
    postStatusUpdate(doc, { audience: 'internal', template: 'update', text: 'Still looking.' }, ic);
    expect(readCollection(doc, 'updates').map((u) => u.language)).toEqual(['ru', null]);
    expect(() => postStatusUpdate(doc, { audience: 'internal', template: 'update', text: 'x', language: 'fr' as Language }, ic)).toThrow(
      /Language/,
    );
  });
});

describe("the briefing and the review draft in the reader's language, naming their zone", () => {
  it('follow the window (language and zone) by default', () => {
    const { doc, clock } = incident();
    const snapshot = readSnapshot(doc)!;
    const source = { ...snapshot, updates: readCollection(doc, 'updates') };
    setTimeDisplay({ language: 'ja', locale: 'ja', zone: 'Asia/Tokyo' });
    const briefing = composeHandoffBriefing(source, DEFAULT_POLICY, clock.now);
    expect(briefing).toContain('指揮引き継ぎブリーフィング：Checkout errors');
    expect(briefing).toContain('作成 19:25 UTC+09:00');
    expect(briefing).toContain('重大度 SEV1、フェーズ：調査中。経過 1時間25分（開始 18:00 UTC+09:00）');
    expect(briefing).toContain('- インシデントコマンダー：Avery Quinn');
    expect(draftReviewText(snapshot, clock.now).summary).toContain(
      'Checkout errors（SEV1）は2026年11月21日 18:00 UTC+09:00に開始しました。',
    );
  });

  it('take an explicit language and zone', () => {
    const { doc, clock } = incident();
    const snapshot = readSnapshot(doc)!;
    const briefing = composeHandoffBriefing({ ...snapshot, updates: [] }, DEFAULT_POLICY, clock.now, {
      language: 'ru',
      zone: 'Europe/Moscow',
    });
    expect(briefing).toContain('Брифинг для передачи командования: Checkout errors');
    expect(briefing).toContain('Составлен 13:25 UTC+03:00');
    expect(briefing).toContain('- Roll back the deploy: Dana Okafor, в работе');
    const draft = draftReviewText(snapshot, clock.now, { language: 'zh-CN', zone: 'UTC' });
    expect(draft.summary).toMatch(/^Checkout errors（SEV1）开始于\d{4}年\d+月\d+日 09:00 UTC。生成此草稿时尚未解决。/);
    expect(draft.summary).toContain('已证实的原因：The 14:02 deploy broke tokenisation。');
  });
});
