// Posting a status update: the text as it went out is kept in the `updates` collection, and
// the timeline records it in full, so the update clock and the record agree on every peer.
import type * as Y from 'yjs';
import { UPDATE_AUDIENCES, UPDATE_TEMPLATES, type EpochMs, type UpdateAudience, type UpdateTemplate } from '../model';
import { collection, incidentMap, incidentSchema, statusUpdateSchema } from '../schema';
import { newId } from '../ids';
import { LANGUAGES, type Language } from '../i18n/languages';
import {
  CommandError,
  LIMITS,
  oneOfValues,
  requireDeclared,
  requiredText,
  runCommand,
  timeNotInFuture,
  validTime,
  type Actor,
} from './command';

export interface PostStatusUpdateInput {
  readonly audience: UpdateAudience;
  readonly template: UpdateTemplate;
  readonly text: string;
  /** The next update time the text promises; null or omitted for a final update. */
  readonly nextDueAt?: EpochMs | null;
  /** When it went out, for an update sent before it was recorded here; defaults to now. */
  readonly postedAt?: EpochMs;
  /** The language it is written in (a customer update in the customers'); null or omitted when not said. */
  readonly language?: Language | null;
}

export function postStatusUpdate(doc: Y.Doc, input: PostStatusUpdateInput, by: Actor): string {
  requireDeclared(doc);
  const audience = oneOfValues(input.audience, UPDATE_AUDIENCES, 'Audience');
  const template = oneOfValues(input.template, UPDATE_TEMPLATES, 'Template');
  const language = input.language === undefined || input.language === null ? null : oneOfValues(input.language, LANGUAGES, 'Language');
  const text = requiredText(input.text, 'The update', LIMITS.text);
  const nextDueAt = input.nextDueAt === undefined || input.nextDueAt === null ? null : validTime(input.nextDueAt, 'The next update time');
  const severity = incidentSchema.get(incidentMap(doc), 'severity');
  return runCommand(doc, by, 'Post status update', ({ now, record }) => {
    const postedAt = timeNotInFuture(input.postedAt, now, 'When it went out');
    if (nextDueAt !== null && nextDueAt <= postedAt) {
      throw new CommandError(postedAt === now ? 'statusUpdate.nextInFuture' : 'statusUpdate.nextAfterPosted');
    }
    const id = newId();
    collection(doc, 'updates').set(
      id,
      statusUpdateSchema.create({
        audience,
        template,
        text,
        postedAt,
        postedBy: by.id,
        postedByName: by.name,
        severityAtPost: severity,
        nextDueAt,
        recordedAt: postedAt === now ? null : now,
        language,
      }),
    );
    record({
      kind: 'event',
      at: postedAt,
      event: 'status-update.posted',
      params: { audience, template, text },
      subject: { collection: 'updates', id },
    });
    return id;
  });
}
