// A member's words go into translated sentences as values, never as message syntax: a name or a
// reason that looks like ICU, i18next interpolation or nesting reads literally in every language.
import { describe, expect, it } from 'vitest';
import { renderEvent } from '../../src/core/events/render';
import { LANGUAGES, translator } from '../../src/core/i18n';

const HOSTILE = ['{evil}', '$t(common:role.deputy)', '{{name}}', "'{'", '{count, plural, one {x} other {y}}', '<b>x</b>', '{0}'];

describe.each(LANGUAGES)('hostile words in %s sentences', (language) => {
  const t = translator(language);

  it.each(HOSTILE)('a person named %j is shown as named', (name) => {
    const text = renderEvent('person.joined', { personId: 'p1', name }, t);
    expect(text).toContain(name);
    // The message's own words are still there: it did not fall back or swallow the sentence.
    expect(text).not.toBe(name);
  });

  it.each(HOSTILE)('a retraction reason %j is kept as typed', (reason) => {
    const text = renderEvent('entry.retracted', { reason }, t);
    expect(text).toContain(reason);
  });

  it('an interpolated value is never translated as a key', () => {
    expect(t('language.system', { language: '$t(common:role.deputy)' })).not.toContain(t('role.deputy'));
  });
});
