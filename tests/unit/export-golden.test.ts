// The fixture incident exports byte for byte to the committed files in tests/fixtures/expected.
// After a deliberate exporter change: `npx tsx tests/fixtures/regenerate.ts` and review the diff.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IncidentSnapshot } from '../../src/core/model';
import { EXPECTED_EXPORTS, EXPECTED_SOURCE } from '../fixtures/expected-exports';

const expectedFile = (file: string): string => readFileSync(new URL(`../fixtures/expected/${file}`, import.meta.url), 'utf8');

/** The same incident with every list reversed, as a peer-merged document might list it. */
function reordered(snapshot: IncidentSnapshot): IncidentSnapshot {
  return {
    ...snapshot,
    people: [...snapshot.people].reverse(),
    roles: [...snapshot.roles].reverse(),
    tasks: [...snapshot.tasks].reverse(),
    hypotheses: [...snapshot.hypotheses].reverse().map((h) => ({
      ...h,
      evidence: [...h.evidence].reverse(),
      checks: [...h.checks].reverse(),
    })),
    milestones: [...snapshot.milestones].reverse(),
    changes: [...snapshot.changes].reverse(),
    followUps: [...snapshot.followUps].reverse(),
    timeline: [...snapshot.timeline].reverse(),
  };
}

describe('exports of the checkout outage fixture', () => {
  for (const expected of EXPECTED_EXPORTS) {
    it(`${expected.file} matches the committed file byte for byte`, () => {
      expect(expected.render(EXPECTED_SOURCE)).toBe(expectedFile(expected.file));
    });

    it(`${expected.file} does not depend on the order records are listed in`, () => {
      expect(expected.render(reordered(EXPECTED_SOURCE))).toBe(expected.render(EXPECTED_SOURCE));
    });
  }

  it('has the whole timeline in every export', () => {
    const [md, html, csv, json] = EXPECTED_EXPORTS.map((e) => expectedFile(e.file));
    expect(EXPECTED_SOURCE.timeline.length).toBeGreaterThanOrEqual(40);
    for (const entry of EXPECTED_SOURCE.timeline) {
      expect(json).toContain(JSON.stringify(entry.text));
      expect(csv).toContain(new Date(entry.at).toISOString());
    }
    // One table row per entry, in the Markdown and the HTML timeline tables.
    expect(
      md!
        .split('## Timeline')[1]!
        .split('\n')
        .filter((line) => line.startsWith('| 2025-')).length,
    ).toBe(EXPECTED_SOURCE.timeline.length);
    expect(html!.split('<section id="timeline">')[1]!.split('<tr><td').length - 1).toBe(EXPECTED_SOURCE.timeline.length);
  });

  it('shows New York times with their daylight-saving offset in the HTML export', () => {
    const html = expectedFile('checkout-outage.new-york.html');
    expect(html).toContain('2025-03-12 10:02:10 -04:00');
    expect(html).toContain('America/New_York');
  });
});
