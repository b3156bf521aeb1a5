// The splice from lib0/diff: for any two texts it turns one into the other, keeps the longest
// common prefix and suffix it can, and never cuts an emoji's surrogate pair in two.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, textSplice } from '../../src/core/textDiff';
import { seededRandom } from '../support/seededRandom';

const PIECES = ['a', 'b', ' ', 'é', '😀', '😁', '👍🏽'];
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

describe('textSplice', () => {
  it('turns any text into any other without cutting a surrogate pair, keeping the common ends', () => {
    const random = seededRandom(2026);
    const text = () => Array.from({ length: random.int(0, 8) }, () => random.pick(PIECES)).join('');
    for (let i = 0; i < 5000; i++) {
      const before = text();
      const after = text();
      const splice = textSplice(before, after);
      if (before === after) {
        expect(splice).toBeNull();
        continue;
      }
      expect(splice).not.toBeNull();
      const { index, deleteCount, insert } = splice!;
      expect(before.slice(0, index) + insert + before.slice(index + deleteCount)).toBe(after);
      for (const cut of [index, index + deleteCount]) {
        expect(isHigh(before.charCodeAt(cut - 1)) && isLow(before.charCodeAt(cut)), `${JSON.stringify(before)} cut at ${cut}`).toBe(false);
      }
      // As small as it can be: one more code unit kept at either end differs or would split a pair.
      const suffix = before.length - index - deleteCount;
      const room = index + suffix < Math.min(before.length, after.length);
      if (room && before[index] === after[index]) expect(isHigh(before.charCodeAt(index))).toBe(true);
      const last = before.length - suffix - 1;
      if (room && before[last] === after[after.length - suffix - 1]) expect(isLow(before.charCodeAt(last))).toBe(true);
    }
  });

  it('edits a Y.Text in place, so a concurrent edit elsewhere in the field survives', () => {
    const a = new Y.Doc();
    a.getText('t').insert(0, 'The pool was small.');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    a.transact(() => applyTextChange(a.getText('t'), 'The pool was too small.'));
    b.transact(() => applyTextChange(b.getText('t'), 'The DB pool was small.'));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('The DB pool was too small.');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
    expect(applyTextChange(a.getText('t'), 'The DB pool was too small.')).toBe(false);
  });
});
