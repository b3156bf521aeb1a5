// The post-incident review. It lives in top-level types, not inside one map: a Y.Text nested in
// a map and created by two peers at once (both offline, both generating the draft) would keep
// only one of them, whereas top-level types of the same name are the same type on every peer.
// Each free-text field is its own top-level Y.Text (`review.<field>`), `reviewWhys` holds the
// five whys (records whose question and answer are Y.Texts), and `review` holds bookkeeping:
// when each person last had a review edit recorded in the timeline, per section.
import type * as Y from 'yjs';
import { FORMAT_NAME } from './exportFormat';
import { defineRecord, f, type FieldSource } from './fields';

/** One step of the five whys. `order` is a fractional index: sorting by it (then id) gives the list. */
export const whyStepSchema = defineRecord({ question: f.sharedText(), answer: f.sharedText(), order: f.text() }, FORMAT_NAME);

/** Bookkeeping key: when `personId` last had an edit of `section` recorded. */
export function reviewRecordedKey(section: string, personId: string): string {
  return `recorded:${section}:${personId}`;
}

/** The time stored under a bookkeeping key, or null. */
export function readReviewRecordedAt(review: FieldSource, key: string): number | null {
  const value = review.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function markReviewRecorded(review: Y.Map<unknown>, key: string, at: number): void {
  review.set(key, at);
}
