// Turning "the whole new text of a field" into the smallest Y.Text edit: keep the common prefix
// and suffix, replace only the middle. Two people editing different parts of one field then
// both keep their edit after a merge, where replacing the whole text would keep only one.
import type * as Y from 'yjs';

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

export interface TextSplice {
  /** Where the change starts, in UTF-16 code units. */
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: string;
}

/**
 * The one splice that turns `before` into `after`, or null when they are equal. The splice
 * never cuts a surrogate pair in two, so a concurrent edit can never land between the halves
 * of an emoji.
 */
export function textSplice(before: string, after: string): TextSplice | null {
  if (before === after) return null;
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** Applies the minimal splice to `text` (call inside the command's transaction). */
export function applyTextChange(text: Y.Text, after: string): boolean {
  const splice = textSplice(text.toString(), after);
  if (!splice) return false;
  if (splice.deleteCount > 0) text.delete(splice.index, splice.deleteCount);
  if (splice.insert !== '') text.insert(splice.index, splice.insert);
  return true;
}
