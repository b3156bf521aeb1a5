// The war room's headline, one row at 1280 wide: title, severity, phase, the incident clock, the next
// update due, the connection and the save state. The severity select itself carries the colour.
import { PHASES, SEVERITIES, type Phase, type Severity } from '@core/model';
import { incidentClock } from '@core/metrics';
import { useCollection, useCommand, useImportedAt, useIncidentInfo, useNow } from '../../state/incidentContext';
import { formatElapsed, formatHoursMinutes } from '@core/time/durations';
import { formatDateTime } from '@core/time/instants';
import { SaveStatus } from './SaveStatus';
import { StatusUpdateControls } from '../updates/StatusUpdateControls';
import { ConnectionStatus } from '../room/ConnectionStatus';
import { useUiStore } from '../../state/uiStore';

export function IncidentHeader() {
  const incident = useIncidentInfo();
  const run = useCommand();
  const now = useNow(1000);
  const milestones = useCollection('milestones');
  const importedAt = useImportedAt();
  const showToast = useUiStore((s) => s.showToast);
  if (!incident) return null;
  return (
    <section className="incident-header" aria-label="Incident summary">
      <h1 title={incident.title}>{incident.title}</h1>
      <label className="visually-hidden" htmlFor="severity-select">
        Severity
      </label>
      <select
        id="severity-select"
        className={`header-select sev-select sev-${incident.severity}`}
        value={incident.severity}
        title="Raising severity takes effect at once; lowering it, unless you are the incident commander, is a proposal for them to confirm"
        onChange={(e) => {
          const severity = e.target.value as Severity;
          const outcome = run((commands) => commands.changeSeverity({ severity }), { toastRefusal: true });
          if (outcome.ok && outcome.value === 'proposed') {
            showToast(
              `${severity} proposed: the incident commander confirms or declines it. Severity stays ${incident.severity} until then.`,
              'info',
            );
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
        Phase
      </label>
      <select
        id="phase-select"
        className="header-select phase"
        value={incident.phase}
        onChange={(e) => run((commands) => commands.changePhase({ phase: e.target.value as Phase }), { toastRefusal: true })}
      >
        {PHASES.map((p) => (
          <option key={p} value={p}>
            {p[0]!.toUpperCase() + p.slice(1)}
          </option>
        ))}
      </select>
      <IncidentClock clock={incidentClock({ incident, milestones }, now, importedAt)} imported={importedAt !== null} />
      <span className="spacer" />
      <StatusUpdateControls />
      <ConnectionStatus />
      <SaveStatus />
    </section>
  );
}

/** Counts from the Started milestone (as backdated); once Resolved, the total, which no longer ticks. */
function IncidentClock({ clock, imported }: { clock: ReturnType<typeof incidentClock>; imported: boolean }) {
  const since = `since ${formatDateTime(clock.startedAt)}`;
  if (clock.stoppedAt !== null) {
    return (
      <span
        className="incident-clock stopped"
        role="timer"
        aria-label="How long the incident ran"
        title={`From ${formatDateTime(clock.startedAt)} to ${formatDateTime(clock.stoppedAt)}`}
      >
        Resolved after {formatHoursMinutes(clock.elapsedMs)}
      </span>
    );
  }
  if (imported) {
    // How long it ran is unknown without a Resolved milestone; the time up to the import is only a bound.
    return (
      <span
        className="incident-clock stopped"
        role="timer"
        aria-label="How long the incident ran"
        title={`Imported ${formatHoursMinutes(clock.elapsedMs)} after it started (${since})`}
      >
        Not resolved when imported
      </span>
    );
  }
  return (
    <span className="incident-clock mono" role="timer" aria-label="Time since the incident started" title={`Time ${since}`}>
      {formatElapsed(clock.elapsedMs)}
    </span>
  );
}
