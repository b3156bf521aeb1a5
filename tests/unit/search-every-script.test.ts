// Library search and similar incidents in Japanese, Chinese, Russian and English: a word inside a
// sentence is found in every script, and similar incidents compare what broke, not who was there.
import { describe, expect, it } from 'vitest';
import type { IncidentDigest } from '@core/incidentDigest';
import type { Phase, Severity } from '@core/model';
import { searchTokens } from '@core/search/tokens';
import { findSimilarIncidents, significantWords } from '@core/similarity';
import { LibraryIndex, NO_FILTERS } from '../../src/renderer/features/library/libraryIndex';
import type { CatalogEntry } from '../../src/renderer/sync/storage';

const T = Date.UTC(2026, 10, 2, 9);

function digest(id: string, fields: Partial<Omit<IncidentDigest, 'id'>>): IncidentDigest {
  return { id, title: '', summary: '', impact: '', services: [], people: [], timeline: '', truncated: false, ...fields };
}

function entry(id: string, title: string): CatalogEntry {
  return {
    id,
    title,
    severity: 'SEV2' as Severity,
    phase: 'resolved' as Phase,
    declaredAt: T,
    updatedAt: T,
  } as unknown as CatalogEntry;
}

const incidents = [
  digest('ja', {
    title: '主DBのレプリケーション遅延',
    timeline: ['レプリケーションスロットが枯渇した', 'pg_basebackupを再実行して復旧'].join('\n'),
    services: ['決済API'],
  }),
  digest('zh', {
    title: '数据库复制中断',
    timeline: ['主库的复制槽已满，写入失败', '扩容磁盘后恢复'].join('\n'),
  }),
  digest('ru', {
    title: 'Отказ реплики базы данных',
    timeline: 'Слот репликации переполнен, запись остановлена',
  }),
  digest('en', {
    title: 'Checkout failing with 503',
    timeline: 'Connection pool exhausted in checkout-api',
  }),
];
const index = new LibraryIndex(
  incidents.map((d) => entry(d.id, d.title)),
  incidents,
);
const found = (query: string): string[] => index.find({ ...NO_FILTERS, query }).map((match) => match.entry.id);

describe('search tokens', () => {
  it('cuts CJK runs into character pairs plus the last character, and other scripts into folded words', () => {
    expect(searchTokens('スロット')).toEqual(['スロ', 'ロッ', 'ット', 'ト']);
    expect(searchTokens('主库 OK')).toEqual(['主库', '库', 'ok']);
    expect(searchTokens('Слот репликации')).toEqual(['слот', 'репликации']);
    // Full-width Latin reads as plain Latin; a mixed run splits at the script change.
    expect(searchTokens('ＤＢ障害')).toEqual(['db', '障害', '害']);
  });
});

describe('library search in every script', () => {
  it('finds a Japanese word from inside a sentence', () => {
    expect(found('スロット')).toEqual(['ja']);
    expect(found('枯渇')).toEqual(['ja']);
  });

  it('finds Chinese words from inside a sentence, down to one character', () => {
    expect(found('复制槽')).toEqual(['zh']);
    expect(found('主库')).toEqual(['zh']);
    expect(found('槽')).toEqual(['zh']);
  });

  it('keeps Russian and English working, prefixes included', () => {
    expect(found('реплик')).toEqual(['ru']);
    expect(found('переполнен')).toEqual(['ru']);
    expect(found('checkout')).toEqual(['en']);
    expect(found('exhaust')).toEqual(['en']);
  });

  it('does not match a CJK query whose characters are there but not together', () => {
    // 复 and 槽 both appear in the Chinese incident, never side by side.
    expect(found('复槽')).toEqual([]);
  });

  it('says where it matched, with a passage around the word', () => {
    const [match] = index.find({ ...NO_FILTERS, query: 'スロット' });
    const reason = match!.reasons.find((r) => r.field === 'timeline');
    expect(reason?.excerpt).toContain('レプリケーションスロットが枯渇した');
  });
});

describe('similar incidents in every script', () => {
  it('ignores the people who were there and the numbers, and compares what broke', () => {
    const words = significantWords('鈴木 一郎がレプリケーションスロットを削除 2017', ['鈴木 一郎']);
    expect(words.has('鈴木')).toBe(false);
    expect(words.has('一郎')).toBe(false);
    expect(words.has('2017')).toBe(false);
    expect(words.has('スロ')).toBe(true);
    expect(significantWords('Avery IC joined', ['Avery IC'])).toEqual(new Set());
  });

  it('finds a Japanese incident like another Japanese incident by shared words, not by a shared responder', () => {
    const now = digest('now', {
      title: 'レプリケーションスロット枯渇',
      people: ['鈴木 一郎'],
      timeline: '鈴木 一郎: 原因調査中',
    });
    const sameResponder = digest('people', { title: '証明書の期限切れ', people: ['鈴木 一郎'], timeline: '鈴木 一郎: 証明書を更新' });
    const sameFailure = digest('slot', { title: 'レプリケーションスロットの枯渇で書き込み停止', people: ['佐藤 花子'] });
    expect(findSimilarIncidents(now, [sameResponder, sameFailure]).map((s) => s.id)).toEqual(['slot']);
  });
});
