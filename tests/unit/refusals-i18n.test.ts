// Why a command was refused, in the reader's language: a CommandError carries a catalog key and
// parameters, its message is the English text, and the UI renders it in its own language.
import { describe, expect, it } from 'vitest';
import { addPerson, CommandError, createTask, refusalText, setTaskStatus, setUpdateCadence, type RefusalParams } from '@core/commands';
import { SOURCE_CATALOGS } from '@core/i18n/catalogs';
import { LANGUAGES, translator } from '@core/i18n';
import { declaredIncident } from './support/incident';

function refusal(run: () => unknown): CommandError {
  try {
    run();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('the command was not refused');
}

function keys(node: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as Record<string, unknown>, `${prefix}${key}.`),
  );
}

// Enough of every parameter kind that any message of the catalog fills all its arguments.
const EVERYTHING: RefusalParams = {
  field: { field: 'Task title' },
  thing: { thing: 'task' },
  status: { word: 'taskStatus.done' },
  phase: { word: 'phase.mitigating' },
  role: { word: 'role.scribe' },
  span: { span: 90 },
  severity: 'SEV2',
  name: 'Chen Wei',
  assumer: '佐藤 花子',
  length: '10001',
  max: 10000,
  min: 1,
  count: 12000,
  hours: 6,
  allowed: 'todo, doing',
  // Undo, opening, attachment, typed-time, back-fill and import refusals.
  direction: 'undo',
  labelled: 'yes',
  label: 'Create task Check DB',
  what: 'tasks',
  by: 'Bo',
  reason: 'disk gone',
  megabytes: 12.5,
  bytes: 13107200,
  offset: '+15',
  time: '25:00',
  zone: 'PST',
  date: '2017-02-30',
  duration: '2 hours',
  line: '3',
  written: 'noon',
  problem: 'expected a comma',
  column: '7',
  character: '42',
  detail: 'people[0].name must be a string (found null).',
  found: 'list',
  value: '',
  format: 'sitrep-incident',
  version: '9',
  readsUpTo: '2',
  collection: 'tasks',
  size: 2048,
};

describe('refusals', () => {
  it('keep the English message, and say the same in Japanese, Chinese and Russian', () => {
    const { doc, ic } = declaredIncident();
    const chen = addPerson(doc, { name: 'Chen Wei' }, ic);
    const error = refusal(() => createTask(doc, { title: '   ', assigneeId: chen }, ic));
    expect(error.message).toBe('Task title cannot be empty.');
    expect(error.key).toBe('input.empty');
    expect(error.text(translator('ja'))).toBe('タスク名を入力してください。');
    expect(error.text(translator('zh-CN'))).toBe('任务名称不能为空。');
    expect(error.text(translator('ru'))).toBe('Заполните поле «Название задачи».');

    const task = createTask(doc, { title: 'Check replicas', assigneeId: chen }, ic);
    setTaskStatus(doc, { taskId: task, status: 'blocked' }, ic);
    const already = refusal(() => setTaskStatus(doc, { taskId: task, status: 'blocked' }, ic));
    expect(already.message).toBe('The task is already blocked.');
    expect(already.text(translator('ja'))).toBe('このタスクはすでに「ブロック中」です。');

    setUpdateCadence(doc, { severity: 'SEV2', minutes: 120 }, ic);
    const cadence = refusal(() => setUpdateCadence(doc, { severity: 'SEV2', minutes: 120 }, ic));
    expect(cadence.message).toBe('SEV2 updates are already due every 2 hours.');
    expect(cadence.text(translator('ru'))).toBe('Сводки при SEV2 уже выходят раз в 2 часа.');
    expect(refusal(() => setTaskStatus(doc, { taskId: 'gone', status: 'done' }, ic)).text(translator('ja'))).toBe(
      'そのタスクはもう存在しません。',
    );
  });

  it.each(LANGUAGES)('every refusal renders in %s with all its arguments filled', (language) => {
    const t = translator(language);
    for (const key of keys(SOURCE_CATALOGS.refusals as Record<string, unknown>)) {
      if (key.startsWith('field.') || key.startsWith('thing.')) continue;
      const text = refusalText(key, EVERYTHING, t);
      expect(text, `${language} ${key}`).not.toMatch(/[{}]|refusals:|events:/);
      expect(text, `${language} ${key}`).not.toBe(key);
    }
  });

  it('a label made at run time, and a text that is not a catalog key, read as given', () => {
    expect(new CommandError('input.empty', { field: { field: 'Line 3: the entry' } }).text(translator('ja'))).toBe(
      'Line 3: the entryを入力してください。',
    );
    const literal = new CommandError('This laptop opened the incident; it is already its creator.');
    expect(literal.key).toBe('literal');
    expect(literal.text(translator('ru'))).toBe('This laptop opened the incident; it is already its creator.');
    // Two refusals with the same words compare equal, as tests and callers expect.
    expect(new CommandError('input.nothingToChange')).toEqual(new CommandError('Nothing to change.'));
  });
});
