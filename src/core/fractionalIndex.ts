// Fractional indexes: order keys that sort as plain strings, so an item can be moved between two
// others by rewriting only its own key (never deleting and re-inserting a Y type). The keys are
// the digits of a fraction in base 62, written without the leading "0." and without trailing
// zeros ("V" is 0.5); comparing two keys by code unit compares the fractions.

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const VALID_KEY = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

/** A key this module could have written: base-62 digits, not empty, no trailing zero. */
export function isOrderKey(key: string): boolean {
  return VALID_KEY.test(key);
}

/** Digits of a fraction strictly between `a` (or 0 when '') and `b` (or 1 when null). */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Skip the digits both share; the answer shares them too.
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a === '' ? 0 : DIGITS.indexOf(a[0]!);
  const digitB = b === null ? DIGITS.length : DIGITS.indexOf(b[0]!);
  if (digitB - digitA > 1) return DIGITS[Math.round((digitA + digitB) / 2)]!;
  // Adjacent first digits: take b's first digit if b goes on (that is still below b), else
  // keep a's first digit and look for room after it.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA]! + midpoint(a.slice(1), null);
}

/**
 * A key that sorts strictly after `before` and strictly before `after`; null means "no bound".
 * Throws RangeError when the bounds are not valid keys in increasing order: callers that may
 * hold keys from a peer check with `isOrderKey` and renumber instead (see `evenlySpacedKeys`).
 */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && !isOrderKey(before)) throw new RangeError(`Not an order key: ${JSON.stringify(before)}`);
  if (after !== null && !isOrderKey(after)) throw new RangeError(`Not an order key: ${JSON.stringify(after)}`);
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`Order keys out of order: ${JSON.stringify(before)} is not before ${JSON.stringify(after)}`);
  }
  return midpoint(before ?? '', after);
}

/** `count` fresh keys in increasing order, for renumbering a list whose keys collide. */
export function evenlySpacedKeys(count: number): string[] {
  const keys: string[] = [];
  let previous: string | null = null;
  for (let i = 0; i < count; i++) {
    previous = keyBetween(previous, null);
    keys.push(previous);
  }
  return keys;
}
