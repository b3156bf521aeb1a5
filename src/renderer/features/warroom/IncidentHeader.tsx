// The war room's headline, one row at 1280 wide: title, severity, phase, the incident clock, the
// time now with the zone the room's times are in, the next update due, the connection and the save
// state. The severity select itself carries the colour.
import { PHASES, SEVERITIES, type Phase, type Severity } from '@core/model';
import { incidentClock } from '@core/metrics';
import { useCollection, useCommand, useImportedAt, useIncidentInfo, useNow } from '../../state/incidentContext';
import { formatElapsed, formatHoursMinutes } from '@core/time/durations';
import { formatClockTime, formatDateTime } from '@core/time/instants';
import { SaveStatus } from './SaveStatus';
import { StatusUpdateControls } from '../updates/StatusUpdateControls';
import { ConnectionStatus } from '../room/ConnectionStatus';
import { useUiStore } from '../../state/uiStore';
import { useLanguage, useT } from '../../i18n';
import { useClockZone, useTimeDisplay } from '../../i18n/clock';
import { zoneLongName, zoneShortName } from './zoneLabel';

export function IncidentHeader() {
  const t = useT('warroom');
  const tc = useT('common');
  const incident = useIncidentInfo();
  const run = useCommand();
  const now = useNow(1000);
  const milestones = useCollection('milestones');
  const importedAt = useImportedAt();
  const showToast = useUiStore((s) => s.showToast);
  if (!incident) return null;
  return (
    <section className="incident-header" aria-label={t('header.region')}>
      <h1 title={incident.title}>{incident.title}</h1>
      <label className="visually-hidden" htmlFor="severity-select">
        {t('header.severity')}
      </label>
      <select
        id="severity-select"
        className={`header-select sev-select sev-${incident.severity}`}
        value={incident.severity}
        title={t('header.severityHint')}
        onChange={(e) => {
          const severity = e.target.value as Severity;
          const outcome = run((commands) => commands.changeSeverity({ severity }), { toastRefusal: true });
          if (outcome.ok && outcome.value === 'proposed') {
            showToast(t('header.severityProposed', { severity, current: incident.severity }), 'info');
          }
        }}
      >
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor="phase-select">
        {t('header.phase')}
      </label>
      <select
        id="phase-select"
        className="header-select phase"
        value={incident.phase}
        onChange={(e) => run((commands) => commands.changePhase({ phase: e.target.value as Phase }), { toastRefusal: true })}
      >
        {PHASES.map((p) => (
          <option key={p} value={p}>
            {tc(`phase.${p}`)}
          </option>
        ))}
      </select>
      <IncidentClock clock={incidentClock({ incident, milestones }, now, importedAt)} imported={importedAt !== null} />
      <ZoneClock now={now} />
      <span className="spacer" />
      <StatusUpdateControls />
      <ConnectionStatus />
      <SaveStatus />
    </section>
  );
}

/** The time now, labelled with the zone every time in the room is shown in (once, here). */
function ZoneClock({ now }: { now: number }) {
  const t = useT('warroom');
  const display = useTimeDisplay();
  const language = useLanguage();
  const { zone } = useClockZone();
  const short = zoneShortName(zone, language, now);
  const time = formatClockTime(now, display);
  return (
    <time
      className="header-zone mono"
      dateTime={new Date(now).toISOString()}
      title={t('header.zoneClockTitle', { zone: `${zoneLongName(zone, language, now)} (${zone})` })}
    >
      {t('header.zoneClock', { time, zone: short })}
    </time>
  );
}

/** Counts from the Started milestone (as backdated); once Resolved, the total, which no longer ticks. */
function IncidentClock({ clock, imported }: { clock: ReturnType<typeof incidentClock>; imported: boolean }) {
  const t = useT('warroom');
  const display = useTimeDisplay();
  const since = formatDateTime(clock.startedAt, display);
  if (clock.stoppedAt !== null) {
    return (
      <span
        className="incident-clock stopped"
        role="timer"
        aria-label={t('clock.ranLabel')}
        title={t('clock.fromTo', { from: since, to: formatDateTime(clock.stoppedAt, display) })}
      >
        {t('clock.resolvedAfter', { duration: formatHoursMinutes(clock.elapsedMs, display.language) })}
      </span>
    );
  }
  if (imported) {
    // How long it ran is unknown without a Resolved milestone; the time up to the import is only a bound.
    return (
      <span
        className="incident-clock stopped"
        role="timer"
        aria-label={t('clock.ranLabel')}
        title={t('clock.importedTitle', { duration: formatHoursMinutes(clock.elapsedMs, display.language), since })}
      >
        {t('clock.notResolvedImported')}
      </span>
    );
  }
  return (
    <span className="incident-clock mono" role="timer" aria-label={t('clock.sinceLabel')} title={t('clock.sinceTitle', { since })}>
      {formatElapsed(clock.elapsedMs, display.language)}
    </span>
  );
}
