// Messages built outside components that reach a responder: undo refusals, the "still opening"
// refusal, attachment refusals, typed-time and back-fill problems, import refusals and dates
// inside automatic entries. Each is said in the reader's language; English is today's text.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkAttachments } from '../../src/core/attachments/check';
import { tooLargeMessage } from '../../src/core/attachments/metadata';
import { parseBackfillLog } from '../../src/core/backfill';
import { addPerson, assignTask, CommandError, createTask, editTask, refusalText } from '../../src/core/commands';
import { parseEntryTimePrefix } from '../../src/core/entryTime';
import { renderEvent } from '../../src/core/events/render';
import { translator } from '../../src/core/i18n';
import { ImportError, importIncidentIntoDoc, importProblemText, parseIncidentExport } from '../../src/core/import';
import { resetTimeDisplay, setTimeDisplay } from '../../src/core/time/display';
import { createUndoHistory } from '../../src/core/undo';
import { OPENING_MESSAGE } from '../../src/renderer/sync/openingSession';
import { actor, declaredIncident, exchange, T0 } from './support/incident';

const en = translator('en');
const ja = translator('ja');
const ru = translator('ru');

function refused(run: () => unknown): CommandError {
  try {
    run();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

afterEach(() => resetTimeDisplay());

describe('undo refusals', () => {
  it('say who changed what, and that a record still points at it, in ja and ru', () => {
    const { doc: a, ic, clock } = declaredIncident();
    const b = new Y.Doc();
    const bo = actor('bo', 'Bo', clock);
    const history = createUndoHistory(a, ic, () => clock.now);
    addPerson(a, { name: 'Bo', id: 'bo' }, ic);
    const task = createTask(a, { title: 'Check DB', assigneeId: ic.id }, ic);
    exchange(a, b);
    editTask(b, { taskId: task, title: 'Check the primary DB' }, bo);
    assignTask(b, { taskId: task, assigneeId: 'bo' }, bo);
    exchange(a, b);

    expect(history.undo()).toBe(false);
    const changed = history.lastRefusal()!;
    expect(changed.key).toBe('undo.changedBy');
    expect(refusalText(changed.key, changed.params, en)).toBe(changed.message);
    expect(refusalText(changed.key, changed.params, ja)).toBe(
      // The step is named by the event it recorded, in the window's language (English here, outside a window).
      '元に戻していません：「Task created: “Check DB”, assigned to Avery IC」。その後、Bo さんがそのタスクを変更しました。元に戻す操作で他の人の作業を取り消すことはありません。手動で変更してください。',
    );
    expect(refusalText(changed.key, changed.params, ru)).toBe(
      'Не отменено: «Task created: “Check DB”, assigned to Avery IC». С тех пор Bo изменил(а) эту задачу, а отмена никогда не забирает назад чужую работу. Измените это вручную.',
    );

    expect(history.undo()).toBe(false);
    const referenced = history.lastRefusal()!;
    expect(referenced.message).toBe(
      'Not undone: “Bo joined the incident”. A task refers to that person now, and undo never leaves a record pointing at nothing. Change it by hand instead.',
    );
    expect(refusalText(referenced.key, referenced.params, ja)).toMatch(
      /^元に戻していません：「Bo joined the incident」。あるタスクがその人を参照しています。/,
    );
    expect(refusalText(referenced.key, referenced.params, ru)).toMatch(
      /^Не отменено: «Bo joined the incident»\. Задача теперь ссылается на этого человека, /,
    );
  });
});

describe('refusals of the opening session and of attachments', () => {
  it('the still-opening refusal is today’s English and reads in ja and ru', () => {
    const error = new CommandError('opening.stillLoading');
    expect(error.message).toBe(OPENING_MESSAGE);
    expect(error.text(ja)).toBe('開いています… インシデントはまだ読み込み中です。少し待ってからもう一度お試しください。');
    expect(error.text(ru)).toBe('Открывается… инцидент ещё загружается; повторите попытку через минуту.');
    expect(new CommandError('opening.failed', { reason: 'disk gone' }).text(ru)).toMatch(/не удалось открыть.*: disk gone$/);
  });

  it('a file over the limit names both sizes, as each language writes numbers', () => {
    const size = 12 * 1024 * 1024;
    expect(tooLargeMessage('big.bin', size)).toBe(
      '"big.bin" is 12.0 MB (12,582,912 bytes); an attachment can be at most 10 MB (10,485,760 bytes). Nothing was attached.',
    );
    const error = refused(() =>
      checkAttachments([{ sha256: 'a'.repeat(64), name: 'big.bin', type: 'application/octet-stream', size }], []),
    );
    expect(error.message).toBe(tooLargeMessage('big.bin', size));
    expect(error.text(ja)).toBe(
      '「big.bin」は 12.0 MB（12,582,912 バイト）です。添付できるのは 10 MB（10,485,760 バイト）までです。何も添付していません。',
    );
    // Russian groups digits with a no-break space.
    expect(error.text(ru).replace(/\u00a0/g, ' ')).toBe(
      'Файл «big.bin» весит 12,0 МБ (12 582 912 байт); вложение может быть не больше 10 МБ (10 485 760 байт). Ничего не прикреплено.',
    );
  });

  it('a file without a checksum, and too many files, in ja and ru', () => {
    const noSum = refused(() => checkAttachments([{ sha256: 'nope', name: 'log.txt', type: 'text/plain', size: 3 }], []));
    expect(noSum.message).toBe('"log.txt" has no valid SHA-256; it was not attached.');
    expect(noSum.text(ja)).toBe('「log.txt」には有効な SHA-256 がないため、添付しませんでした。');
    const files = Array.from({ length: 21 }, (_, i) => ({
      sha256: i.toString(16).padStart(64, '0'),
      name: `f${i}`,
      type: 'text/plain',
      size: 1,
    }));
    const many = refused(() => checkAttachments(files, []));
    expect(many.message).toBe('An entry can carry at most 20 files; attach the rest to another entry.');
    expect(many.text(ru)).toBe('К одной записи можно прикрепить не больше 20 файлов; прикрепите остальные к другой записи.');
  });
});

describe('problems with typed times and back-filled logs', () => {
  it('are English outside a window and in the language the window shows times in', () => {
    const now = T0;
    expect(parseEntryTimePrefix('25:00 restarted db2', now, 'UTC').problem).toBe('25:00 is not a time of day.');
    expect(parseEntryTimePrefix('09:10 PST restarted db2', now, 'UTC').problem).toMatch(/^PST names more than one time zone\./);
    setTimeDisplay({ language: 'ja' });
    expect(parseEntryTimePrefix('25:00 restarted db2', now, 'UTC').problem).toBe('25:00 は時刻ではありません。');
    setTimeDisplay({ language: 'ru' });
    expect(parseEntryTimePrefix('13:10 pm restarted db2', now, 'UTC').problem).toBe(
      '13:10 pm — не время: с am или pm час бывает от 1 до 12.',
    );
    expect(parseEntryTimePrefix('2026-11-21 10:00 restarted db2', now, 'UTC').problem).toMatch(/^Это время наступит через 1 ч/);
  });

  it('a binary file and a line without a time, in ja and ru', () => {
    const options = { reference: T0, zone: 'UTC' };
    expect(parseBackfillLog('\u0000\u0001\u0002'.repeat(40), options).problem).toBe(
      'This looks like a binary file, not a chat log or text. Paste text, or open a .txt or .csv file.',
    );
    setTimeDisplay({ language: 'ja' });
    expect(parseBackfillLog('\u0000\u0001\u0002'.repeat(40), options).problem).toMatch(/^バイナリファイルのようです。/);
    setTimeDisplay({ language: 'ru' });
    const reading = parseBackfillLog('[31:99] db2 is down\n19:10 restarted', options);
    expect(reading.lines[0]?.problem).toBe('31:99 — не время суток.');
  });
});

describe('import refusals', () => {
  it('a file that is not an export, from a newer Sitrep, or into a document not empty', () => {
    const list = parseIncidentExport('[]');
    if (list.ok) throw new Error('expected a refusal');
    expect(list.message).toBe('This is not a Sitrep incident export: expected a JSON object (found a list).');
    expect(importProblemText(list, en)).toBe(list.message);
    expect(importProblemText(list, ja)).toBe(
      'Sitrep のインシデントエクスポートではありません：JSON オブジェクトが必要ですが、リストでした。',
    );
    expect(importProblemText(list, ru)).toBe('Это не экспорт инцидента Sitrep: ожидался объект JSON (найден список).');

    const newer = parseIncidentExport(JSON.stringify({ format: 'sitrep-incident', formatVersion: 99, schemaVersion: 1 }));
    if (newer.ok) throw new Error('expected a refusal');
    expect(newer.message).toMatch(/^This file was made by a newer Sitrep \(export format version 99; .*\)\. Update Sitrep to import it\.$/);
    expect(importProblemText(newer, ja)).toMatch(/エクスポート形式バージョン 99。.*取り込むには Sitrep を更新してください。$/);

    const broken = parseIncidentExport('{"format": ');
    if (broken.ok) throw new Error('expected a refusal');
    expect(broken.message).toMatch(/^This file is not valid JSON: .* at line 1, column \d+ \(character \d+\)\.$/);
    expect(importProblemText(broken, ru)).toMatch(/^Этот файл — не корректный JSON: .* в строке 1, столбце \d+/);

    const { doc } = declaredIncident();
    let error: unknown;
    try {
      importIncidentIntoDoc(doc, {} as never);
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof ImportError)) throw new Error('expected an ImportError');
    expect(error.message).toBe('This document already holds an incident; import into a new, empty incident document.');
    expect(error.text(ja)).toBe(
      'このドキュメントにはすでにインシデントがあります。新しい空のインシデントドキュメントに取り込んでください。',
    );
  });
});

describe('dates inside automatic entries', () => {
  const edited = { title: 'Check replicas', changes: 'due', dueAt: T0 };
  const moved = { kind: 'resolved', label: '', changes: 'moved', at: T0 };

  it('are written in the reader’s language and zone, naming the zone', () => {
    expect(renderEvent('task.edited', edited, en, 'UTC')).toContain('due 2026-11-21 09:00 UTC');
    expect(renderEvent('task.edited', edited, ja, 'Asia/Tokyo')).toContain('2026年11月21日 18:00 UTC+09:00');
    expect(renderEvent('milestone.moved', moved, ru, 'Europe/Moscow')).toContain('21 нояб. 2026 г. 12:00 UTC+03:00');
    expect(renderEvent('milestone.moved', moved, en, 'UTC')).toContain('moved to 2026-11-21 09:00 UTC');
  });

  it('follow the window’s zone by default (UTC outside a window)', () => {
    expect(renderEvent('task.edited', edited, ja)).toContain('2026年11月21日 09:00 UTC');
    setTimeDisplay({ zone: 'Asia/Tokyo' });
    expect(renderEvent('task.edited', edited, ja)).toContain('18:00 UTC+09:00');
  });
});
