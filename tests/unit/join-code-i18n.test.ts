// Join-code refusals and address problems in the reader's language: every message key the join
// code module can produce has a catalog message, the English catalog says exactly what the
// module's English (its logs) says, and real refusals read right in Japanese and Russian.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/core/i18n';
import {
  englishJoinCodeMessage,
  JOIN_CODE_MESSAGE_CODES,
  JOIN_CODE_PREFIX,
  type JoinCodeFailure,
  type JoinCodeMessage,
  parseJoinInput,
  relayAddressIssue,
  relayInvitationIssue,
  signalingAddressIssue,
} from '../../src/core/joinCode';
import en from '../../src/locales/en/room.json';
import { joinCodeText, type RoomT } from '../../src/renderer/features/room/roomText';
import { RoomRefusal } from '../../src/renderer/sync/rooms/incidentNetwork';

const roomT = (language: 'en' | 'ja' | 'ru' | 'zh-CN'): RoomT => createI18n(language).getFixedT(language, 'room');
const ja = roomT('ja');
const ru = roomT('ru');

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.select || element.type === TYPE.plural) {
      into.add(element.value);
    }
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

async function refusal(text: string): Promise<JoinCodeFailure> {
  const result = await parseJoinInput(text);
  if (result.ok) throw new Error(`expected a refusal for ${JSON.stringify(text)}`);
  return result;
}

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

describe('join-code messages through the catalogs', () => {
  const catalog = en.joinCode as Record<string, Record<string, string>>;

  it.each(JOIN_CODE_MESSAGE_CODES)('%s: the English catalog says what the module logs', (code) => {
    const [group = '', key = ''] = code.split('.');
    const message = catalog[group]?.[key];
    expect(message, `room:joinCode.${code} is missing`).toBeTypeOf('string');
    const params: Record<string, string> = {};
    for (const name of argumentsOf(parse(message as string))) params[name] = `«${name}»`;
    const variants =
      code === 'encode.credential'
        ? [
            { ...params, which: 'roomId' },
            { ...params, which: 'secret' },
          ]
        : [params];
    for (const variant of variants) {
      const said: JoinCodeMessage = { code, params: variant };
      expect(joinCodeText(roomT('en'), said)).toBe(englishJoinCodeMessage(said));
    }
  });

  it('a pasted chat line is refused in Japanese and Russian, naming the prefix a code starts with', async () => {
    const refused = await refusal('see you at the bridge');
    expect(refused.reason).toBe('not-a-sitrep-code');
    const inJapanese = joinCodeText(ja, refused);
    expect(inJapanese).toMatch(JAPANESE);
    expect(inJapanese).toContain(JOIN_CODE_PREFIX);
    expect(inJapanese).toContain('sitrep://join/');
    expect(inJapanese).toContain('Sitrep の参加コードではありません');
    const inRussian = joinCodeText(ru, refused);
    expect(inRussian).toMatch(CYRILLIC);
    expect(inRussian).toContain('Это не код подключения Sitrep');
    expect(inRussian).toContain(JOIN_CODE_PREFIX);
  });

  it('a character that never appears in a code is named, in either quotation style', async () => {
    const refused = await refusal(`${JOIN_CODE_PREFIX}ABCDE-FGHJU-00000-00000`);
    expect(refused.reason).toBe('bad-characters');
    expect(joinCodeText(ja, refused)).toContain('「U」');
    expect(joinCodeText(ru, refused)).toContain('«U»');
    const invisible = await refusal(`${JOIN_CODE_PREFIX}ABCDE-FGH\u00e9K`);
    expect(joinCodeText(ja, invisible)).toContain('U+00E9');
    expect(joinCodeText(ru, invisible)).toContain('символ U+00E9');
  });

  it('an old, a newer and an unknown code format each get their own sentence with the number', async () => {
    expect(joinCodeText(ja, await refusal('SITREP1-AAAAA-AAAAA'))).toContain('SITREP1-');
    expect(joinCodeText(ru, await refusal('SITREP1-AAAAA-AAAAA'))).toMatch(/прежней версией Sitrep/);
    expect(joinCodeText(ja, await refusal('SITREP9-AAAAA-AAAAA'))).toContain('新しいバージョンの Sitrep で作られました（コード形式 9）');
    expect(joinCodeText(ru, await refusal('SITREP9-AAAAA-AAAAA'))).toContain('более новой версией Sitrep (формат кода 9)');
    expect(joinCodeText(ru, await refusal('SITREP0-AAAAA-AAAAA'))).toContain('формат (0)');
  });

  it('an empty field, a cut-off code and a code that does not check out read differently', async () => {
    const empty = joinCodeText(ru, await refusal('   '));
    const cut = joinCodeText(ru, await refusal(`${JOIN_CODE_PREFIX}ABCDE-FG`));
    const forged = joinCodeText(ru, await refusal(`${JOIN_CODE_PREFIX}${'A'.repeat(96)}`));
    expect(new Set([empty, cut, forged]).size).toBe(3);
    expect(empty).toContain('Кода подключения пока нет');
    expect(cut).toContain('неверное число символов');
    expect(forged).toContain('не прошёл проверку');
    expect(joinCodeText(ja, await refusal(`${JOIN_CODE_PREFIX}${'A'.repeat(96)}`))).toContain('検証に失敗しました');
  });

  it('a bad signaling address in a code says what is wrong with it, then whom to ask', () => {
    const address = signalingAddressIssue('ws://10.0.0.5:4444/room?x=1');
    expect(address).not.toBeNull();
    const inCode: JoinCodeMessage = { code: 'refusal.badSignalingAddressIn', params: {}, detail: address as JoinCodeMessage };
    expect(joinCodeText(ja, inCode)).toBe(
      'シグナリングアドレス「ws://10.0.0.5:4444/room?x=1」にクエリ（「?」以降）があります。シグナリングアドレスは ws:// または wss://、ホスト、ポートだけです。 インシデントコマンダーに共有するアドレスを確認してもらってください。',
    );
    expect(joinCodeText(ru, inCode)).toMatch(
      /^В сигнальном адресе «ws:\/\/10\.0\.0\.5:4444\/room\?x=1» есть запрос .* Попросите руководителя инцидента/,
    );
  });

  it('relay addresses and an expired relay credential, in Russian and Japanese', () => {
    expect(joinCodeText(ru, relayAddressIssue('turn:relay.example.org') as JoinCodeMessage)).toBe(
      'В адресе ретранслятора «turn:relay.example.org» нет порта; добавьте его, например turn:relay.example.org:3478 (или turns:…:5349).',
    );
    const expired = relayInvitationIssue(
      { url: 'turn:r.example.org:3478', username: '1:x', credential: '', expiresAt: 1_800_000_000 },
      1_900_000_000_000,
    );
    expect(expired).not.toBeNull();
    expect(joinCodeText(ja, expired as JoinCodeMessage)).toContain('2027-01-15 08:00 UTC に失効しました');
    expect(
      relayInvitationIssue({ url: 'turn:r.example.org:3478', username: '1:x', credential: '', expiresAt: 1_800_000_000 }, 0),
    ).toBeNull();
  });

  it('a refusal of who this laptop writes as keeps its English message and reads the room catalog in ja and ru', () => {
    const left = new RoomRefusal(
      'left',
      { name: 'Иван Петров' },
      'Иван Петров has left this incident. Ask the incident commander to put Иван Петров back on duty, or add yourself.',
    );
    expect(left.message).toBe(left.text(createI18n('en').t));
    expect(left.text(createI18n('ru').t)).toBe(
      'Иван Петров покинул(а) этот инцидент. Попросите руководителя инцидента вернуть Иван Петров к работе или добавьте себя.',
    );
    expect(new RoomRefusal('settled', {}, 'This laptop has already said who you are in this incident.').text(createI18n('ja').t)).toBe(
      'このノートPCは、このインシデントでのあなたが誰かをすでに伝えています。',
    );
  });
});
