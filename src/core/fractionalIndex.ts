// Order keys for the five whys: strings that sort by code unit, so a why moves between two others
// by rewriting only its own key (never deleting and re-inserting a Y type).
// Replaced the hand-written base-62 midpoint with `fractional-indexing`: its keys carry an integer
// part, so appending keeps them at two or three characters where ours grew one every six appends.
// Keys written by earlier versions ("V", "l", "zV": digits of a fraction, see LEGACY_KEY) mostly
// fail the library's validation; `keyAfter` places new keys after them and `moveWhy` renumbers a
// list that holds one.
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

const BASE_62 = /^[0-9A-Za-z]+$/;
/** What Sitrep wrote before the library: base-62 digits of a fraction, no trailing zero. */
const LEGACY_KEY = /^[0-9A-Za-z]*[1-9A-Za-z]$/;
/** The library's head for positive integer parts: "a" means two characters, "b" three, … "z" 27. */
const FIRST_POSITIVE_HEAD = 'a';

/** A key the library accepts as a neighbour (base 62, a valid integer head, no trailing zero). */
export function isOrderKey(key: string): boolean {
  // The library checks the head and the trailing zero but not every character.
  if (!BASE_62.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    // The library's validation is the definition of a valid key; its message adds nothing here.
    return false;
  }
}

/**
 * A key that sorts strictly after `before` and strictly before `after`; null means "no bound".
 * Throws RangeError when the bounds are not valid keys in increasing order: callers that may
 * hold keys from a peer check with `isOrderKey` and renumber instead (see `evenlySpacedKeys`).
 */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && !isOrderKey(before)) throw new RangeError(`Not an order key: ${JSON.stringify(before)}`);
  if (after !== null && !isOrderKey(after)) throw new RangeError(`Not an order key: ${JSON.stringify(after)}`);
  // The library swaps bounds given the wrong way round; here that would hide a caller's bug.
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`Order keys out of order: ${JSON.stringify(before)} is not before ${JSON.stringify(after)}`);
  }
  return generateKeyBetween(before, after);
}

/**
 * A valid key that sorts after every key in `keys` that Sitrep ever wrote, including the keys of
 * earlier versions; keys that are neither (a peer's garbage) are ignored, as they sort wherever
 * they sort. Used to append.
 */
export function keyAfter(keys: readonly string[]): string {
  let last: string | null = null;
  for (const key of keys) {
    if ((isOrderKey(key) || LEGACY_KEY.test(key)) && (last === null || key > last)) last = key;
  }
  if (last === null) return generateKeyBetween(null, null);
  if (isOrderKey(last)) return generateKeyBetween(last, null);
  return firstKeyAfterLegacy(last);
}

/**
 * The first valid key after a legacy key that the library rejects. Below "a" every valid key
 * starting with "a" is greater, so "a0" (the library's first key). From "a" up, the first
 * character says how long the integer part is; a legacy key at least that long would be valid
 * (its tail has no trailing zero), so a rejected one is shorter, and padding it with zeros to
 * that length gives a valid integer part that sorts right after it.
 */
function firstKeyAfterLegacy(legacy: string): string {
  const head = legacy[0]!;
  if (head < FIRST_POSITIVE_HEAD) return generateKeyBetween(null, null);
  const integerLength = head.charCodeAt(0) - FIRST_POSITIVE_HEAD.charCodeAt(0) + 2;
  return legacy.padEnd(integerLength, '0');
}

/** `count` fresh keys in increasing order, for renumbering a list whose keys collide. */
export function evenlySpacedKeys(count: number): string[] {
  return generateNKeysBetween(null, null, count);
}
