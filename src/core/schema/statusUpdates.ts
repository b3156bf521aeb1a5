// Status updates as posted: the text exactly as it went out.
import { LANGUAGES } from '../i18n/languages';
import { SEVERITIES, UPDATE_AUDIENCES, UPDATE_TEMPLATES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { addedLater, defineRecord, f } from './fields';

export const statusUpdateSchema = defineRecord(
  {
    audience: f.choice(UPDATE_AUDIENCES, 'internal'),
    template: f.choice(UPDATE_TEMPLATES, 'update'),
    text: f.text(),
    postedAt: f.time(),
    postedBy: f.text(),
    postedByName: f.displayName('Unknown'),
    severityAtPost: f.choice(SEVERITIES, 'SEV1'),
    /** The next update time promised in the text, or null when none was (a resolution). */
    nextDueAt: f.optionalTime(),
    /** When it was written down, when later than `postedAt` (an update sent before it was recorded); null when at once. */
    recordedAt: addedLater(f.optionalTime(), null),
    /** The language it was written in (en, ja, zh-CN, ru); null for an update posted before updates had one. */
    language: addedLater(f.choiceOrNull(LANGUAGES), null),
  },
  FORMAT_NAME,
);
