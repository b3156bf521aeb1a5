// The toast after removing someone joins its two sentences the way each language joins
// sentences: with a space in English and Russian, with none in Japanese and Chinese.
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/core/i18n';

const LANGUAGES = ['en', 'ja', 'zh-CN', 'ru'] as const;

describe('the removal toast', () => {
  it.each(LANGUAGES)(
    'in %s: the removal, then the laptops that did not get the key, joined as the language joins sentences',
    (language) => {
      const t = translator(language);
      const removed = t('remove.removedSent', { ns: 'app', name: 'Rex', moved: 3 });
      const unidentified = t('remove.unidentified', { ns: 'app', count: 2 });
      const toast = t('remove.withUnidentified', { ns: 'app', removed, unidentified });
      const joiner = language === 'ja' || language === 'zh-CN' ? '' : ' ';
      expect(toast).toBe(`${removed}${joiner}${unidentified}`);
      expect(toast).toContain('Rex');
    },
  );
});
