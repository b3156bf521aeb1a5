// The key timeline of the review: milestones, decisions, settled hypotheses and system changes
// (with whether each was rolled back), in the order they happened, in the reader's language.
import { useMemo } from 'react';
import { keyTimeline, type KeyMoment } from '@core/review';
import { useCollection } from '../../state/incidentContext';
import { formatClockTime, formatDateTime } from '@core/time/instants';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import { useEntryText } from '../../i18n/useEntryText';

export function KeyTimelineList() {
  const t = useT('review');
  const display = useTimeDisplay();
  const tc = useT('common');
  const entryText = useEntryText();
  const milestones = useCollection('milestones');
  const hypotheses = useCollection('hypotheses');
  const changes = useCollection('changes');
  const timeline = useCollection('timeline');
  const moments = useMemo(() => keyTimeline({ milestones, hypotheses, changes, timeline }), [milestones, hypotheses, changes, timeline]);
  // The core's words for a moment are English for milestones and stored text for decisions: both are said again here.
  const textOf = (moment: KeyMoment): string => {
    if (moment.kind === 'decision') {
      const entry = timeline.find((e) => e.id === moment.subject?.id);
      return entry ? entryText(entry) : moment.text;
    }
    if (moment.kind === 'milestone') {
      const milestone = milestones.find((m) => m.id === moment.subject?.id);
      if (!milestone) return moment.text;
      const name = milestone.kind === 'custom' && milestone.label ? milestone.label : tc(`milestone.${milestone.kind}`);
      return milestone.note ? t('keyTimeline.milestoneWithNote', { name, note: milestone.note }) : name;
    }
    return moment.text;
  };
  if (moments.length === 0) return <p className="panel-empty">{t('keyTimeline.empty')}</p>;
  return (
    <ol className="list key-timeline" aria-label={t('keyTimeline.heading')}>
      {moments.map((moment) => (
        <li key={moment.key} className="item">
          <span className="mono item-meta key-time" title={formatDateTime(moment.at, display)}>
            {formatClockTime(moment.at, display)}
          </span>
          <div className="item-main">
            <span className={`key-kind key-${moment.kind}`}>{t(`keyTimeline.kind.${moment.kind}`)}</span>
            <div className="item-title">{textOf(moment)}</div>
            {moment.kind === 'change' && (
              <div className={`item-meta ${moment.rolledBack ? 'ok-text' : 'warn-text'}`}>
                {moment.rolledBack
                  ? moment.rolledBackAt === null
                    ? t('keyTimeline.rolledBack')
                    : t('keyTimeline.rolledBackAt', { time: formatClockTime(moment.rolledBackAt, display) })
                  : t('keyTimeline.notRolledBack')}
              </div>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
