// Hypotheses, with their evidence and checks nested as Y.Maps of Y.Maps keyed by id, so that two
// people adding evidence at once both keep theirs.
import { CHECK_OUTCOMES, EVIDENCE_STANCES, HYPOTHESIS_STATUSES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { addedLater, defineRecord, f } from './fields';

export const evidenceSchema = defineRecord(
  { stance: f.choice(EVIDENCE_STANCES, 'for'), text: f.text(), at: f.time(), by: f.text() },
  FORMAT_NAME,
);

export const checkSchema = defineRecord(
  {
    description: f.text(),
    outcome: f.choice(CHECK_OUTCOMES, 'pending'),
    result: f.text(),
    /** When the check was made; may be earlier than when it was written down. */
    at: f.time(),
    by: f.text(),
    /** When it was written down, when later than `at`; null when at once. */
    recordedAt: addedLater(f.optionalTime(), null),
  },
  FORMAT_NAME,
);

const byTime = (a: { readonly at: number }, b: { readonly at: number }): number => a.at - b.at;

export const hypothesisSchema = defineRecord(
  {
    statement: f.text(),
    status: f.choice(HYPOTHESIS_STATUSES, 'open'),
    ownerId: f.optionalId(),
    createdAt: f.time(),
    createdBy: f.text(),
    evidence: f.nested(evidenceSchema, byTime),
    checks: f.nested(checkSchema, byTime),
    /** When it was first suspected, when earlier than `createdAt` (written down later); null when at once. */
    at: addedLater(f.optionalTime(), null),
  },
  FORMAT_NAME,
);
