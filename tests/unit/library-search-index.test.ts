// The library's search index finds incidents by any word of their title, summary, services or
// timeline (typos and prefixes too), applies the filters, and says where each one matched.
import { describe, expect, it } from 'vitest';
import { digestOf, type IncidentDigest } from '@core/incidentDigest';
import type { Phase, Severity } from '@core/model';
import { LibraryIndex, NO_FILTERS, excerptAround } from '../../src/renderer/features/library/libraryIndex';
import type { CatalogEntry } from '../../src/renderer/sync/storage';
import { checkoutOutage } from '../fixtures/incident-checkout-outage';

const DAY = 86_400_000;
const T = Date.UTC(2025, 2, 12);

function entry(id: string, title: string, severity: Severity, phase: Phase, declaredAt: number | null): CatalogEntry {
  return {
    id,
    title,
    severity,
    phase,
    declaredAt,
    updatedAt: declaredAt ?? 0,
    createdAt: declaredAt ?? 0,
    archivedAt: null,
    readable: true,
    problem: null,
  };
}

const checkout = entry(checkoutOutage.incident.id, checkoutOutage.incident.title, 'SEV1', 'resolved', T);
const dns = entry('dns', 'DNS resolution failing', 'SEV2', 'closed', T - 10 * DAY);
const waiting = entry('joined', '', 'SEV3', null as unknown as Phase, null);
const digests: IncidentDigest[] = [
  digestOf(checkoutOutage.incident, checkoutOutage.timeline, checkoutOutage.people),
  {
    id: 'dns',
    title: 'DNS resolution failing',
    summary: 'Resolvers in eu-west-1 time out',
    impact: '',
    services: ['dns'],
    people: [],
    timeline: 'Flushed the resolver cache on ns3',
    truncated: false,
  },
];
const index = new LibraryIndex([checkout, dns, waiting], digests);

describe('library search index', () => {
  it('lists everything in catalog order without a query or filters', () => {
    expect(index.find(NO_FILTERS).map((m) => m.entry.id)).toEqual([checkout.id, 'dns', 'joined']);
  });

  it('finds an incident by a word that appears only in its timeline, and shows the passage', () => {
    const [match, ...rest] = index.find({ ...NO_FILTERS, query: 'typo' });
    expect(rest).toEqual([]);
    expect(match!.entry.id).toBe(checkout.id);
    expect(match!.reasons).toEqual([{ field: 'timeline', terms: ['typo'], excerpt: expect.stringContaining('by mistake (config typo)') }]);
  });

  it('matches prefixes and small typos, all words required', () => {
    expect(index.find({ ...NO_FILTERS, query: 'resolv' }).map((m) => m.entry.id)).toContain('dns');
    expect(index.find({ ...NO_FILTERS, query: 'rollbak' }).map((m) => m.entry.id)).toEqual([checkout.id]);
    expect(index.find({ ...NO_FILTERS, query: 'flushed checkout' })).toEqual([]);
  });

  it('ranks a title match first and names the field', () => {
    const [first] = index.find({ ...NO_FILTERS, query: 'dns' });
    expect(first!.entry.id).toBe('dns');
    expect(first!.reasons.map((r) => r.field)).toEqual(['title', 'services']);
  });

  it('filters by severity, phase and declaration date, with or without a query', () => {
    expect(index.find({ ...NO_FILTERS, severity: 'SEV2' }).map((m) => m.entry.id)).toEqual(['dns']);
    expect(index.find({ ...NO_FILTERS, phase: 'resolved' }).map((m) => m.entry.id)).toEqual([checkout.id]);
    expect(index.find({ ...NO_FILTERS, from: T - DAY }).map((m) => m.entry.id)).toEqual([checkout.id]);
    expect(index.find({ ...NO_FILTERS, until: T }).map((m) => m.entry.id)).toEqual(['dns']);
    expect(index.find({ ...NO_FILTERS, query: 'failing', severity: 'SEV1' }).map((m) => m.entry.id)).toEqual([checkout.id]);
  });

  it('finds an incident archived on this computer, with its archive date for the list to mark', () => {
    const archived = { ...dns, archivedAt: T };
    const withArchived = new LibraryIndex([checkout, archived, waiting], digests);
    const [match, ...rest] = withArchived.find({ ...NO_FILTERS, query: 'resolver cache' });
    expect(rest).toEqual([]);
    expect(match!.entry).toBe(archived);
    expect(match!.entry.archivedAt).toBe(T);
  });
});

describe('excerptAround', () => {
  it('cuts a long line around the term and stays within its timeline line', () => {
    const text = `first line\n${'a '.repeat(60)}needle${' b'.repeat(60)}\nlast line`;
    const excerpt = excerptAround(text, ['needle']);
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toContain('needle');
    expect(excerpt).not.toContain('line');
  });
});
