// docs/security.md stays true: every checklist item names test files and titles that exist (or
// says "No test:" and why), and the few properties it claims without another test are checked here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRANTED_PERMISSIONS } from '../../src/main/permissions';

const root = resolve(import.meta.dirname, '../..');
const doc = readFileSync(resolve(root, 'docs/security.md'), 'utf8');

interface ChecklistRow {
  readonly number: number;
  readonly item: string;
  readonly coveredBy: string;
}

function checklistRows(): ChecklistRow[] {
  return doc
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ');
      return {
        number: Number(cells[0]!.replace('|', '').trim()),
        item: cells[1]!.trim(),
        coveredBy: cells[cells.length - 1]!.replace(/\|\s*$/, '').trim(),
      };
    });
}

function testFile(name: string): string | null {
  for (const folder of ['tests/unit', 'tests/e2e', 'tests/nat']) {
    const path = resolve(root, folder, name);
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  return null;
}

/** "`file.test.ts` › "title", "title"; `other.spec.ts`" → each file with the titles named after it. */
function references(coveredBy: string): Array<{ file: string; titles: string[] }> {
  const refs: Array<{ file: string; titles: string[] }> = [];
  for (const part of coveredBy.split(/(?=`[\w.-]+\.(?:test|spec)\.ts`)/)) {
    const file = /^`([\w.-]+\.(?:test|spec)\.ts)`/.exec(part)?.[1];
    if (!file) continue;
    const titled = /^`[^`]+` › (.*)$/.exec(part.split(/;\s*(?=`|$)/)[0]!.trim());
    const titles = titled ? [...titled[1]!.matchAll(/"([^"]+)"/g)].map((match) => match[1]!) : [];
    refs.push({ file, titles });
  }
  return refs;
}

describe('docs/security.md', () => {
  const rows = checklistRows();

  it("walks Electron's 20-item checklist in order", () => {
    expect(rows.map((row) => row.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it.each(checklistRows().map((row) => [row.number, row.item, row] as const))(
    'item %i (%s) names tests that exist, or says why there is none',
    (_n, _item, row) => {
      const refs = references(row.coveredBy);
      if (refs.length === 0) {
        // No test named: the row must say "**No test:**" with its reason (in either of its last two cells).
        const line = doc.split('\n').find((candidate) => candidate.startsWith(`| ${row.number} |`)) ?? '';
        expect(line, `item ${row.number}: no test and no "No test:" reason`).toMatch(/\*\*No test:\*\* \S.{20,}/);
        return;
      }
      for (const { file, titles } of refs) {
        const source = testFile(file);
        expect(source, `item ${row.number}: ${file} exists in tests/unit or tests/e2e`).not.toBeNull();
        for (const title of titles) {
          const written = [title, title.replace(/'/g, "\\'")];
          expect(
            written.some((form) => source!.includes(`'${form}'`) || source!.includes(`"${form}"`) || source!.includes(`\`${form}\``)),
            `item ${row.number}: ${file} has a test or group titled "${title}"`,
          ).toBe(true);
        }
      }
    },
  );

  it('names, for every threat to the room, who it comes from and tests that exist', () => {
    const threats = doc
      .split('\n')
      .filter((line) => /^\| T\d+ \|/.test(line))
      .map((line) => line.split(' | '));
    expect(threats.length, 'the threat model table has rows | T1 | … |').toBeGreaterThan(5);
    const ids = threats.map((cells) => cells[0]!.replace('|', '').trim());
    expect(new Set(ids).size, 'threat ids are unique').toBe(ids.length);
    for (const cells of threats) {
      const id = cells[0]!.replace('|', '').trim();
      const who = cells[1]!.trim();
      expect(who, `${id}: who is one of the three attackers`).toMatch(/^(anyone on the network|a former member|a member sending garbage)$/);
      const refs = references(cells[cells.length - 1]!.replace(/\|\s*$/, '').trim());
      expect(refs.length, `${id}: names at least one test`).toBeGreaterThan(0);
      for (const { file, titles } of refs) {
        const source = testFile(file);
        expect(source, `${id}: ${file} exists in tests/unit or tests/e2e`).not.toBeNull();
        for (const title of titles) {
          const written = [title, title.replace(/'/g, "\\'")];
          expect(
            written.some((form) => source!.includes(`'${form}'`) || source!.includes(`"${form}"`) || source!.includes(`\`${form}\``)),
            `${id}: ${file} has a test or group titled "${title}"`,
          ).toBe(true);
        }
      }
    }
  });

  it('names, beyond the checklist, test files that exist', () => {
    const beyond = doc.split('## Beyond the checklist')[1] ?? '';
    const files = [...beyond.matchAll(/`([\w.-]+\.(?:test|spec)\.ts)`/g)].map((match) => match[1]!);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(testFile(file), file).not.toBeNull();
  });
});

describe('item 5: session permissions', () => {
  it('grants exactly notifications and sanitized clipboard writes', () => {
    expect([...GRANTED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'notifications']);
  });
});

describe('hostile text in the renderer', () => {
  function sources(folder: string): string[] {
    return readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.(ts|tsx)$/.test(name) ? [path] : [];
    });
  }

  it('is only ever rendered as text: no dangerouslySetInnerHTML, innerHTML or insertAdjacentHTML', () => {
    const offenders = sources(resolve(root, 'src/renderer')).filter((path) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(readFileSync(path, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
