import { describe, expect, it } from 'vitest';
import { computeMetrics, earliestMilestones } from '../../src/core/metrics';
import { formatDuration } from '../../src/core/time/durations';
import type { IncidentInfo, Milestone, MilestoneKind } from '../../src/core/model';
import { checkoutOutage } from '../fixtures/incident-checkout-outage';
import { UNCORRECTED } from '../fixtures/uncorrected';

const T = Date.parse('2025-03-12T12:00:00Z');
const min = (n: number): number => T + n * 60_000;

const incident: IncidentInfo = { ...checkoutOutage.incident, startedAt: min(-5) };

let counter = 0;
function milestone(kind: MilestoneKind, at: number, label = ''): Milestone {
  counter += 1;
  return { id: `m${counter}`, kind, label, at, recordedAt: at, note: '', by: 'p1', ...UNCORRECTED };
}

describe('computeMetrics', () => {
  it('derives every metric from the standard milestones', () => {
    const metrics = computeMetrics(
      {
        incident,
        milestones: [
          milestone('resolved', min(125)),
          milestone('started', min(0)),
          milestone('detected', min(6)),
          milestone('acknowledged', min(10)),
          milestone('mitigated', min(65)),
        ],
      },
      min(500),
    );
    expect(metrics.timeToDetect).toMatchObject({ ms: 6 * 60_000, outOfOrder: false });
    expect(metrics.timeToAcknowledge).toMatchObject({ ms: 4 * 60_000, outOfOrder: false });
    expect(metrics.timeToMitigate).toMatchObject({ ms: 65 * 60_000, outOfOrder: false });
    expect(metrics.timeToResolve).toMatchObject({ ms: 125 * 60_000, outOfOrder: false });
    // Resolved: the total ends at resolution, not at `now`.
    expect(metrics.totalDuration).toMatchObject({ ms: 125 * 60_000, to: 'resolved', outOfOrder: false });
    expect(metrics.ongoing).toBe(false);
    expect(metrics.startedFrom).toBe('milestone');
    expect(metrics.inversions).toEqual([]);
    expect(metrics.list.map((m) => m.name)).toEqual([
      'timeToDetect',
      'timeToAcknowledge',
      'timeToMitigate',
      'timeToResolve',
      'totalDuration',
    ]);
  });

  it('gives null for metrics whose milestones are missing and runs the total up to now', () => {
    const metrics = computeMetrics({ incident, milestones: [milestone('detected', min(3))] }, min(40));
    // No started milestone: the incident start time (-5 min) is used.
    expect(metrics.startedFrom).toBe('incident');
    expect(metrics.milestoneAt.started).toBe(min(-5));
    expect(metrics.timeToDetect.ms).toBe(8 * 60_000);
    expect(metrics.timeToAcknowledge.ms).toBeNull();
    expect(metrics.timeToMitigate.ms).toBeNull();
    expect(metrics.timeToResolve.ms).toBeNull();
    expect(metrics.timeToResolve.outOfOrder).toBe(false);
    expect(metrics.ongoing).toBe(true);
    expect(metrics.totalDuration).toMatchObject({ ms: 45 * 60_000, to: null, outOfOrder: false });
  });

  it('uses the earliest milestone of each kind and ignores custom ones', () => {
    const milestones = [
      milestone('detected', min(9)),
      milestone('detected', min(4)),
      milestone('custom', min(-60), 'Detected by a customer'),
      milestone('detected', min(7)),
    ];
    expect(earliestMilestones(milestones).detected).toBe(min(4));
    expect(computeMetrics({ incident, milestones: [milestone('started', min(0)), ...milestones] }, min(10)).timeToDetect.ms).toBe(
      4 * 60_000,
    );
  });

  it('flags negative durations and names every inverted pair', () => {
    const metrics = computeMetrics(
      {
        incident,
        milestones: [
          milestone('started', min(0)),
          milestone('detected', min(20)),
          milestone('acknowledged', min(15)),
          milestone('mitigated', min(30)),
          milestone('resolved', min(25)),
        ],
      },
      min(100),
    );
    expect(metrics.timeToAcknowledge).toMatchObject({ ms: -5 * 60_000, outOfOrder: true });
    expect(metrics.timeToDetect.outOfOrder).toBe(false);
    expect(metrics.timeToResolve).toMatchObject({ ms: 25 * 60_000, outOfOrder: false });
    expect(metrics.inversions.map((i) => `${i.earlier}>${i.later}`)).toEqual(['detected>acknowledged', 'mitigated>resolved']);
    expect(metrics.inversions[0]!.message).toBe(
      'Milestones out of order: "acknowledged" is 5m 00s before "detected", but an incident is detected before it is acknowledged. Check the times of these milestones.',
    );
  });

  it('flags a detection recorded before the start, and an ongoing incident whose start is in the future', () => {
    const metrics = computeMetrics({ incident, milestones: [milestone('started', min(10)), milestone('detected', min(2))] }, min(5));
    expect(metrics.timeToDetect).toMatchObject({ ms: -8 * 60_000, outOfOrder: true });
    expect(metrics.totalDuration).toMatchObject({ ms: -5 * 60_000, outOfOrder: true });
    expect(metrics.inversions).toHaveLength(1);
    expect(metrics.inversions[0]).toMatchObject({ earlier: 'started', later: 'detected', earlierAt: min(10), laterAt: min(2) });
  });

  it('computes the fixture incident', () => {
    const metrics = computeMetrics(checkoutOutage, Date.parse('2025-03-12T16:00:00Z'));
    expect(formatDuration(metrics.timeToDetect.ms!)).toBe('6m 30s');
    expect(formatDuration(metrics.timeToAcknowledge.ms!)).toBe('4m 30s');
    expect(formatDuration(metrics.timeToMitigate.ms!)).toBe('55m 20s');
    expect(formatDuration(metrics.timeToResolve.ms!)).toBe('1h 39m');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [4 * 60_000 + 12_000, '4m 12s'],
    [4 * 60_000 + 5_000, '4m 05s'],
    [60 * 60_000 + 5 * 60_000, '1h 05m'],
    [23 * 3_600_000 + 59 * 60_000 + 59_999, '23h 59m'],
    [2 * 86_400_000 + 3 * 3_600_000 + 59 * 60_000, '2d 3h'],
    [-(4 * 60_000 + 12_000), '-4m 12s'],
    [-500, '0s'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('refuses a non-finite duration', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});
