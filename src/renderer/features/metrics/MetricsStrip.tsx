// Live response metrics from the milestones (time to detect, acknowledge, mitigate, resolve and
// the total duration), with milestones recorded out of order called out by name.
import { computeMetrics, type IncidentMetrics, type Metric, type MetricName, type MilestoneInversion } from '@core/metrics';
import { formatDuration } from '@core/time/durations';
import { useCollection, useIncidentInfo, useNow } from '../../state/incidentContext';
import './metrics.css';

const SHORT_LABELS: Record<MetricName, string> = {
  timeToDetect: 'TTD',
  timeToAcknowledge: 'TTA',
  timeToMitigate: 'TTM',
  timeToResolve: 'TTR',
  totalDuration: 'Duration',
};

function missingMilestones(metric: Metric, metrics: IncidentMetrics): string {
  const missing = [metric.from, metric.to].filter((kind) => kind !== null && metrics.milestoneAt[kind] === null);
  return `No ${missing.join(' or ')} milestone yet`;
}

function MetricCell({ metric, metrics, wide }: { metric: Metric; metrics: IncidentMetrics; wide: boolean }) {
  const running = metric.name === 'totalDuration' && metrics.ongoing;
  let value: string;
  let detail: string;
  let tone = '';
  if (metric.ms === null) {
    value = '—';
    detail = missingMilestones(metric, metrics);
    tone = 'faint';
  } else if (metric.outOfOrder) {
    value = '';
    detail = `${formatDuration(metric.ms)}: check the milestone times`;
    tone = 'warn-text';
  } else {
    value = formatDuration(metric.ms);
    detail = running ? 'Still running' : `${metric.label}: ${value}`;
  }
  return (
    <div className="metric" role="group" aria-label={metric.label} title={detail}>
      <dt>
        <abbr title={metric.label}>{SHORT_LABELS[metric.name]}</abbr>
      </dt>
      <dd className={`mono ${tone}`}>
        {metric.outOfOrder ? (
          <>
            <span aria-hidden="true">{wide ? '⚠ order' : '⚠'}</span>
            <span className="visually-hidden">Out of order</span>
          </>
        ) : (
          value
        )}
        {running && <span className="metric-running" title="Still running" role="img" aria-label="still running" />}
      </dd>
    </div>
  );
}

/** One line for the room, where space is short; the full sentence stays in the tooltip. */
function compactInversion(inversion: MilestoneInversion): string {
  return `Out of order: "${inversion.later}" is ${formatDuration(inversion.earlierAt - inversion.laterAt)} before "${inversion.earlier}".`;
}

/** `wide` for the Review view, where there is room for larger numbers. */
export function MetricsStrip({ wide = false }: { wide?: boolean }) {
  const incident = useIncidentInfo();
  const milestones = useCollection('milestones');
  // The duration only moves while the incident is unresolved; then it ticks every second.
  const ongoing = !milestones.some((m) => m.kind === 'resolved');
  const now = useNow(ongoing ? 1000 : 60_000);
  if (!incident) return null;
  const metrics = computeMetrics({ incident, milestones }, now);
  return (
    <div className={`metrics-strip${wide ? ' wide' : ''}`}>
      <dl className="metrics-cells" aria-label="Incident metrics">
        {metrics.list.map((metric) => (
          <MetricCell key={metric.name} metric={metric} metrics={metrics} wide={wide} />
        ))}
      </dl>
      {metrics.inversions.length > 0 && (
        <div className="metrics-warning" role="alert">
          {metrics.inversions.map((inversion) => (
            <p key={`${inversion.earlier}-${inversion.later}`} title={inversion.message}>
              ⚠ {wide ? inversion.message : compactInversion(inversion)}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
