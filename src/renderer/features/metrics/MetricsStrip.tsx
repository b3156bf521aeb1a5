// Live response metrics from the milestones (time to detect, acknowledge, mitigate, resolve and
// the total duration), with milestones recorded out of order called out by name.
import { computeMetrics, type IncidentMetrics, type Metric, type MilestoneInversion } from '@core/metrics';
import { formatDuration } from '@core/time/durations';
import type { TFunction } from 'i18next';
import { useCollection, useIncidentInfo, useNow } from '../../state/incidentContext';
import { useT } from '../../i18n';
import './metrics.css';

function missingMilestones(metric: Metric, metrics: IncidentMetrics, t: TFunction<'warroom'>): string {
  const missing = [metric.from, metric.to].filter((kind) => kind !== null && metrics.milestoneAt[kind] === null);
  const [first, second] = missing.map((kind) => t(`metrics.milestone.${kind!}`));
  return second === undefined ? t('metrics.missingOne', { milestone: first }) : t('metrics.missingTwo', { first, second });
}

function MetricCell({ metric, metrics, wide }: { metric: Metric; metrics: IncidentMetrics; wide: boolean }) {
  const t = useT('warroom');
  const label = t(`metrics.label.${metric.name}`);
  const running = metric.name === 'totalDuration' && metrics.ongoing;
  let value: string;
  let detail: string;
  let tone = '';
  if (metric.ms === null) {
    value = '—';
    detail = missingMilestones(metric, metrics, t);
    tone = 'faint';
  } else if (metric.outOfOrder) {
    value = '';
    detail = t('metrics.outOfOrderDetail', { duration: formatDuration(metric.ms) });
    tone = 'warn-text';
  } else {
    value = formatDuration(metric.ms);
    detail = running ? t('metrics.stillRunning') : t('metrics.detail', { label, value });
  }
  return (
    <div className={`metric metric-${metric.name}`} role="group" aria-label={label} title={detail}>
      <dt>
        <abbr title={label}>{t(`metrics.short.${metric.name}`)}</abbr>
      </dt>
      <dd className={`mono ${tone}`}>
        {metric.outOfOrder ? (
          <>
            <span aria-hidden="true">{wide ? t('metrics.orderBadge') : '⚠'}</span>
            <span className="visually-hidden">{t('metrics.outOfOrder')}</span>
          </>
        ) : (
          value
        )}
        {running && (
          <span className="metric-running" title={t('metrics.stillRunning')} role="img" aria-label={t('metrics.stillRunningLabel')} />
        )}
      </dd>
    </div>
  );
}

/** The full sentence, for the Review view and the tooltip. */
function inversionMessage(inversion: MilestoneInversion, t: TFunction<'warroom'>): string {
  return t('metrics.inversion', {
    earlier: t(`metrics.milestone.${inversion.earlier}`),
    later: t(`metrics.milestone.${inversion.later}`),
    duration: formatDuration(inversion.earlierAt - inversion.laterAt),
  });
}

/** One line for the room, where space is short; the full sentence stays in the tooltip. */
function compactInversion(inversion: MilestoneInversion, t: TFunction<'warroom'>): string {
  return t('metrics.inversionShort', {
    earlier: t(`metrics.milestone.${inversion.earlier}`),
    later: t(`metrics.milestone.${inversion.later}`),
    duration: formatDuration(inversion.earlierAt - inversion.laterAt),
  });
}

/** `wide` for the Review view, where there is room for larger numbers. */
export function MetricsStrip({ wide = false }: { wide?: boolean }) {
  const t = useT('warroom');
  const incident = useIncidentInfo();
  const milestones = useCollection('milestones');
  // The duration only moves while the incident is unresolved; then it ticks every second.
  const ongoing = !milestones.some((m) => m.kind === 'resolved');
  const now = useNow(ongoing ? 1000 : 60_000);
  if (!incident) return null;
  const metrics = computeMetrics({ incident, milestones }, now);
  return (
    <div className={`metrics-strip${wide ? ' wide' : ''}`}>
      <dl className="metrics-cells" aria-label={t('metrics.region')}>
        {metrics.list.map((metric) => (
          <MetricCell key={metric.name} metric={metric} metrics={metrics} wide={wide} />
        ))}
      </dl>
      {metrics.inversions.length > 0 && (
        <div className="metrics-warning" role="alert">
          {metrics.inversions.map((inversion) => (
            <p key={`${inversion.earlier}-${inversion.later}`} title={inversionMessage(inversion, t)}>
              ⚠ {wide ? inversionMessage(inversion, t) : compactInversion(inversion, t)}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
