// Similar past incidents are found by shared services and shared significant words, not by the
// words every incident's timeline contains.
import { describe, expect, it } from 'vitest';
import { digestOf, type IncidentDigest } from '@core/incidentDigest';
import { findSimilarIncidents, significantWords } from '@core/similarity';
import { checkoutOutage } from '../fixtures/incident-checkout-outage';

function digest(id: string, fields: Partial<Omit<IncidentDigest, 'id'>>): IncidentDigest {
  return { id, title: '', summary: '', impact: '', services: [], people: [], timeline: '', truncated: false, ...fields };
}

// What Sitrep writes by itself into every incident's timeline.
const BOILERPLATE = [
  'Incident declared: Something (SEV2)',
  'Avery IC joined',
  'Avery IC is now Incident commander',
  'Milestone: acknowledged',
  'Milestone: resolved',
].join('\n');

describe('significant words', () => {
  it('drops stop words, Sitrep boilerplate, short words and numbers, and folds plurals', () => {
    expect([...significantWords('The checkout-api returned 503 errors to all customers')].sort()).toEqual([
      'api',
      'checkout',
      'customer',
      'error',
      'returned',
    ]);
    expect(significantWords(BOILERPLATE)).toEqual(new Set(['something', 'avery']));
  });
});

describe('findSimilarIncidents', () => {
  const target = digest('now', {
    title: 'Checkout failing with 503',
    summary: 'Connection pool exhausted in checkout-api',
    services: ['checkout-api', 'payments-db'],
    timeline: BOILERPLATE,
  });

  it('ranks by shared services and rare shared words, and says why', () => {
    const pool = digest('pool', {
      title: 'Checkout slow',
      summary: 'Database connection pool too small after config change',
      services: ['Checkout-API'],
      timeline: BOILERPLATE,
    });
    const dns = digest('dns', { title: 'DNS resolution failing in eu-west-1', services: ['dns'], timeline: BOILERPLATE });
    const onlyBoilerplate = digest('noise', { title: 'Printer jam', timeline: BOILERPLATE });
    const found = findSimilarIncidents(target, [dns, onlyBoilerplate, pool]);
    expect(found.map((s) => s.id)).toEqual(['pool']);
    expect(found[0]!.sharedServices).toEqual(['Checkout-API']);
    expect(found[0]!.sharedWords).toEqual(expect.arrayContaining(['pool', 'connection', 'checkout']));
    expect(found[0]!.sharedWords).not.toContain('joined');
  });

  it('never returns the incident itself, honours the limit and keeps ties in candidate order', () => {
    const same = (id: string) => digest(id, { services: ['checkout-api'] });
    const found = findSimilarIncidents(target, [target, same('b'), same('a'), same('c')], { limit: 2 });
    expect(found.map((s) => s.id)).toEqual(['b', 'a']);
  });

  it('finds the realistic checkout outage for a new incident on the same service', () => {
    const past = digestOf(checkoutOutage.incident, checkoutOutage.timeline, checkoutOutage.people);
    const unrelated = digest('unrelated', { title: 'Office Wi-Fi down', summary: 'Access point firmware', services: ['office-network'] });
    const now = digest('new', { title: 'Checkout errors again', summary: 'checkout-api pool timeouts', services: ['checkout-api'] });
    const found = findSimilarIncidents(now, [unrelated, past]);
    expect(found.map((s) => s.id)).toEqual([checkoutOutage.incident.id]);
    expect(found[0]!.sharedWords).toEqual(expect.arrayContaining(['pool', 'timeout']));
  });
});

describe('digestOf', () => {
  it('keeps each timeline entry on one line and stops at the size limit', () => {
    const d = digestOf(checkoutOutage.incident, [{ text: 'first\nline' }, { text: '' }, { text: 'x'.repeat(50) }], [], 20);
    expect(d.timeline).toBe('first line');
    expect(d.truncated).toBe(true);
  });
});
