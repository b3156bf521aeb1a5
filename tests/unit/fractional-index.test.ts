// Order keys from `fractional-indexing`: they stay short when appended to, and keys stored by
// earlier versions of Sitrep (a hand-written base-62 fraction the library rejects) keep sorting
// correctly next to new ones, both in the module and through the five-whys commands.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addWhy, moveWhy } from '../../src/core/commands';
import { evenlySpacedKeys, isOrderKey, keyAfter, keyBetween } from '../../src/core/fractionalIndex';
import { readReview } from '../../src/core/read';
import { reviewWhysMap } from '../../src/core/schema';
import { declaredIncident } from './support/incident';

// Written by the hand-written module this one replaced (commit a10aac6), run before the change:
/** Fourteen appends, each after the last (what addWhy stored). */
const LEGACY_APPENDS = ['V', 'l', 't', 'x', 'z', 'zV', 'zl', 'zt', 'zx', 'zz', 'zzV', 'zzl', 'zzt', 'zzx'];
/** Six moves, each between "V" and the key moved before it (what moveWhy stored). */
const LEGACY_MOVES = ['d', 'Z', 'X', 'W', 'VV', 'VG'];
/** Keys before "V", "1" and "01". */
const LEGACY_FIRSTS = ['G', '0V', '00V'];
const LEGACY_KEYS = [...LEGACY_APPENDS, ...LEGACY_MOVES, ...LEGACY_FIRSTS];

const byCodeUnit = (keys: readonly string[]): string[] => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('order keys', () => {
  it('stay at most three characters over a thousand appends, and sort as plain strings', () => {
    const keys: string[] = [];
    for (let i = 0; i < 1000; i++) keys.push(keyAfter(keys));
    expect(byCodeUnit(keys)).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(3);
    expect(keys.every(isOrderKey)).toBe(true);
  });

  it('are rejected by the library when they are keys of earlier versions (so they need the handling below)', () => {
    expect(LEGACY_KEYS.filter(isOrderKey)).toEqual([]);
    expect(() => keyBetween('V', null)).toThrow(RangeError);
    expect(isOrderKey('a~')).toBe(false); // right head and length, but not a base-62 digit
    expect(isOrderKey('a0')).toBe(true);
  });

  it('append after every legacy key, whichever is last', () => {
    const lists = [
      ...LEGACY_APPENDS.map((_, i) => LEGACY_APPENDS.slice(0, i + 1)),
      ['V', ...LEGACY_MOVES, 'l'],
      ...LEGACY_KEYS.map((key) => [key]),
    ];
    for (const stored of lists) {
      const keys = [...stored];
      for (let i = 0; i < 30; i++) {
        const next = keyAfter(keys);
        expect(isOrderKey(next), `${next} after ${JSON.stringify(stored)}`).toBe(true);
        for (const key of keys) expect(key < next, `${key} < ${next}`).toBe(true);
        keys.push(next);
      }
    }
  });

  it('append after the last new key when legacy, new and malformed keys are mixed', () => {
    expect(keyAfter([])).toBe('a0');
    expect(keyAfter(['zzx', 'a5', 'V'])).toBe(`zzx${'0'.repeat(24)}`);
    expect(keyAfter(['V', 'a5'])).toBe('a6');
    // Not keys any Sitrep wrote: ignored, as before.
    expect(keyAfter(['~~', 'a5', '', 'V0'])).toBe('a6');
  });

  it('give a key between two neighbours, and refuse neighbours out of order', () => {
    const keys = evenlySpacedKeys(30);
    expect(byCodeUnit(keys)).toEqual(keys);
    expect(new Set(keys).size).toBe(30);
    let low = keys[0]!;
    const high = keys[1]!;
    for (let i = 0; i < 60; i++) {
      const mid = keyBetween(low, high);
      expect(isOrderKey(mid)).toBe(true);
      expect(low < mid && mid < high).toBe(true);
      low = mid;
    }
    expect(keyBetween(null, 'a0') < 'a0').toBe(true);
    expect(() => keyBetween('a1', 'a0')).toThrow(RangeError);
    expect(() => keyBetween('a1', 'a1')).toThrow(RangeError);
  });
});

describe('five whys stored by an earlier version', () => {
  /** An incident whose whys carry the keys an earlier version wrote. */
  function incidentWithLegacyWhys(keys: readonly string[]) {
    const incident = declaredIncident();
    const ids = keys.map((_, i) => addWhy(incident.doc, { question: `Why ${i + 1}` }, incident.ic));
    const whys = reviewWhysMap(incident.doc);
    // Written straight into the Y.Map, as the earlier version stored them.
    incident.doc.transact(() => {
      ids.forEach((id, i) => {
        (whys.get(id) as Y.Map<unknown>).set('order', keys[i]!);
      });
    });
    return { ...incident, ids };
  }
  const questions = (doc: Y.Doc) => readReview(doc).fiveWhys.map((why) => why.question);

  it('keep their order, get new whys at the end, and move without losing the order', () => {
    const { doc, ic, ids } = incidentWithLegacyWhys(['V', 'l', 't', 'x', 'z', 'zV']);
    const stored = ['Why 1', 'Why 2', 'Why 3', 'Why 4', 'Why 5', 'Why 6'];
    expect(questions(doc)).toEqual(stored);
    addWhy(doc, { question: 'Why 7' }, ic);
    addWhy(doc, { question: 'Why 8' }, ic);
    expect(questions(doc)).toEqual([...stored, 'Why 7', 'Why 8']);
    // A legacy neighbour: the list is renumbered with valid keys, in the order it shows.
    moveWhy(doc, { whyId: ids[2]!, direction: 'up' }, ic);
    expect(questions(doc)).toEqual(['Why 1', 'Why 3', 'Why 2', 'Why 4', 'Why 5', 'Why 6', 'Why 7', 'Why 8']);
    expect(readReview(doc).fiveWhys.every((why) => isOrderKey(why.order))).toBe(true);
    addWhy(doc, { question: 'Why 9' }, ic);
    expect(questions(doc).at(-1)).toBe('Why 9');
  });
});
