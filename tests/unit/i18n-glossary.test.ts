// docs/glossary.md is the vocabulary the catalogs use: the role and phase names in the shared
// catalog must be the glossary's, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/core/i18n/catalogs';
import { LANGUAGES } from '../../src/core/i18n/languages';
import { PHASES, ROLES } from '../../src/core/model';

const glossary = readFileSync(join(import.meta.dirname, '../../docs/glossary.md'), 'utf8');

/** The glossary's table rows, by their English term (the first cell, without a parenthesis). */
const rows = new Map(
  glossary
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| English') && !line.startsWith('|---'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .map((cells) => [cells[0]?.replace(/\s*\(.*\)$/, '').toLowerCase() ?? '', cells.slice(1)] as const),
);

/** The first form a glossary cell gives ("緩和中 / 緩和" → "緩和中"), without a parenthesis. */
function firstForm(cell: string): string {
  return (cell.split(' / ')[0] ?? '').replace(/\s*[（(].*[)）]$/, '').toLowerCase();
}

const columns = { ja: 0, 'zh-CN': 1, ru: 2 } as const;

describe('the glossary and the shared catalog agree', () => {
  it.each(ROLES)('role %s', (role) => {
    const english = String((CATALOGS.en.common as { role: Record<string, string> }).role[role]).toLowerCase();
    const row = rows.get(english);
    expect(row, `docs/glossary.md has a row for "${english}"`).toBeDefined();
    for (const language of LANGUAGES) {
      if (language === 'en') continue;
      const label = String((CATALOGS[language].common as { role: Record<string, string> }).role[role]).toLowerCase();
      expect(label, `${language} role ${role}`).toBe(firstForm(row?.[columns[language]] ?? ''));
    }
  });

  it.each(PHASES.filter((phase) => phase !== 'closed'))('phase %s', (phase) => {
    const row = rows.get(phase.startsWith('mitigat') ? 'mitigating / mitigation' : phase);
    expect(row, `docs/glossary.md has a row for "${phase}"`).toBeDefined();
    for (const language of LANGUAGES) {
      if (language === 'en') continue;
      const label = String((CATALOGS[language].common as { phase: Record<string, string> }).phase[phase]).toLowerCase();
      expect(label, `${language} phase ${phase}`).toBe(firstForm(row?.[columns[language]] ?? ''));
    }
  });
});
