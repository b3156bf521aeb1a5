// Turning "the whole new text of a field" into the smallest Y.Text edit: keep the common prefix
// and suffix, replace only the middle. Two people editing different parts of one field then
// both keep their edit after a merge, where replacing the whole text would keep only one.
import { simpleDiffString } from 'lib0/diff';
import type * as Y from 'yjs';

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
  // Replaced our prefix/suffix scan with lib0's (Yjs's own): the same splice, surrogate pairs kept whole.
  const diff = simpleDiffString(before, after);
  return { index: diff.index, deleteCount: diff.remove, insert: diff.insert };
}

/** Applies the minimal splice to `text` (call inside the command's transaction). */
export function applyTextChange(text: Y.Text, after: string): boolean {
  const splice = textSplice(text.toString(), after);
  if (!splice) return false;
  if (splice.deleteCount > 0) text.delete(splice.index, splice.deleteCount);
  if (splice.insert !== '') text.insert(splice.index, splice.insert);
  return true;
}

function applySplice(text: string, splice: TextSplice): string {
  return text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.deleteCount);
}

/**
 * Three-way merge of one field for an editor that has unsaved typing (`local`) when someone
 * else's edit arrives (`remote`), both made from `base`. Each side is one splice; the local one
 * is moved past the remote one when they do not overlap. When they overlap, the remote text of
 * the overlap is kept and the local insert lands right after it: nothing anyone typed is lost.
 */
export function rebaseText(base: string, local: string, remote: string): string {
  const theirs = textSplice(base, remote);
  const mine = textSplice(base, local);
  if (!theirs || !mine || local === remote) return theirs ? remote : local;
  const theirEnd = theirs.index + theirs.deleteCount;
  const shift = theirs.insert.length - theirs.deleteCount;
  if (mine.index >= theirEnd) {
    return applySplice(remote, { ...mine, index: mine.index + shift });
  }
  if (mine.index + mine.deleteCount <= theirs.index) return applySplice(remote, mine);
  const start = theirs.index + theirs.insert.length;
  const deleteCount = Math.max(0, mine.index + mine.deleteCount - theirEnd);
  return applySplice(remote, { index: start, deleteCount, insert: mine.insert });
}

/** Where a caret at `position` in `before` belongs in `after`, for one splice between them. */
export function mapCaret(before: string, after: string, position: number): number {
  const splice = textSplice(before, after);
  if (!splice || position <= splice.index) return position;
  if (position >= splice.index + splice.deleteCount) return position + splice.insert.length - splice.deleteCount;
  return splice.index + splice.insert.length;
}
