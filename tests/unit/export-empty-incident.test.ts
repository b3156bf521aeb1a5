// A freshly declared incident with nothing in it yet still exports, saying what is missing.
import { describe, expect, it } from 'vitest';
import { exportHtml, exportJson, exportMarkdown, exportTimelineCsv } from '../../src/core/export';
import { parseIncidentExport } from '../../src/core/import';
import type { IncidentSnapshot } from '../../src/core/model';

const startedAt = Date.parse('2025-01-01T00:00:00Z');
const empty: IncidentSnapshot = {
  schemaVersion: 1,
  incident: {
    id: 'inc-empty',
    title: 'Just declared',
    severity: 'SEV4',
    phase: 'investigating',
    summary: '',
    impact: '   ',
    services: [],
    startedAt,
    declaredAt: startedAt,
    declaredBy: 'p-gone',
    exitCriteria: '',
  },
  people: [],
  roles: [],
  tasks: [],
  hypotheses: [],
  milestones: [],
  changes: [],
  followUps: [],
  timeline: [],
  review: { summary: '', impact: '', rootCause: '', wentWell: '', wentBadly: '', lessons: '', fiveWhys: [] },
};
const options = { now: startedAt + 90 * 60_000 };

describe('exporting an empty incident', () => {
  it('says what is missing in Markdown and HTML', () => {
    const md = exportMarkdown(empty, options);
    for (const text of [
      'No summary recorded.',
      'No impact recorded.',
      'Nobody joined.',
      'No hypotheses recorded.',
      'The timeline is empty.',
    ]) {
      expect(md).toContain(`_${text}_`);
      expect(exportHtml(empty, options)).toContain(`<p class="empty">${text}</p>`);
    }
    expect(md).toContain('| Total duration | 1h 30m (ongoing, as of export) |');
    expect(md).toContain('| Time to acknowledge | Not available (no detected or acknowledged milestone) |');
    expect(md).toContain('> **Warning:** No "started" milestone was recorded; the incident start time is used instead.');
    // An unknown person id reads as itself rather than vanishing.
    expect(md).toContain('by p-gone');
  });

  it('writes a CSV with only the header and JSON that parses back', () => {
    expect(exportTimelineCsv(empty, options)).toBe('\uFEFFutc_time,local_time,author,kind,text,said_by,correction\r\n');
    // The byte order mark (for Excel) can be turned off.
    expect(exportTimelineCsv(empty, { ...options, csvByteOrderMark: false })).toBe(
      'utc_time,local_time,author,kind,text,said_by,correction\r\n',
    );
    const parsed = parseIncidentExport(exportJson(empty, options));
    expect(parsed.ok && parsed.snapshot.incident.impact).toBe('   ');
  });
});
