// The key timeline of the review: milestones, decisions, settled hypotheses and system changes
// (with whether each was rolled back), in the order they happened.
import { useMemo } from 'react';
import { KEY_MOMENT_LABELS, keyTimeline } from '@core/review';
import { useCollection } from '../../state/incidentContext';
import { formatClockTime, formatDateTime } from '@core/time/instants';

export function KeyTimelineList() {
  const milestones = useCollection('milestones');
  const hypotheses = useCollection('hypotheses');
  const changes = useCollection('changes');
  const timeline = useCollection('timeline');
  const moments = useMemo(() => keyTimeline({ milestones, hypotheses, changes, timeline }), [milestones, hypotheses, changes, timeline]);
  if (moments.length === 0) return <p className="panel-empty">No milestones, decisions, settled hypotheses or system changes yet.</p>;
  return (
    <ol className="list key-timeline" aria-label="Key timeline">
      {moments.map((moment) => (
        <li key={moment.key} className="item">
          <span className="mono item-meta key-time" title={formatDateTime(moment.at)}>
            {formatClockTime(moment.at)}
          </span>
          <div className="item-main">
            <span className={`key-kind key-${moment.kind}`}>{KEY_MOMENT_LABELS[moment.kind]}</span>
            <div className="item-title">{moment.text}</div>
            {moment.kind === 'change' && (
              <div className={`item-meta ${moment.rolledBack ? 'ok-text' : 'warn-text'}`}>
                {moment.rolledBack
                  ? `Rolled back${moment.rolledBackAt === null ? '' : ` at ${formatClockTime(moment.rolledBackAt)}`}`
                  : 'Not rolled back'}
              </div>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
