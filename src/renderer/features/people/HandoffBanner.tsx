// Handing over command, step two: everyone sees the pending offer; the incoming person reads
// the briefing and accepts or declines; the outgoing side can record a verbal acceptance.
import { pendingHandoff } from '@core/handoffs';
import { incidentCommander } from '@core/selectors';
import { useCollection, useCommand, useIncidentSession } from '../../state/incidentContext';
import { formatClockTime } from '@core/time/instants';
import './handoff.css';

export function HandoffBanner() {
  const handoffs = useCollection('handoffs');
  const people = useCollection('people');
  const roles = useCollection('roles');
  const run = useCommand();
  const { me } = useIncidentSession();
  const handoff = pendingHandoff(handoffs);
  if (!handoff) return null;
  const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? 'someone') : 'nobody');
  const from = handoff.fromPersonId ? name(handoff.fromPersonId) : name(handoff.offeredBy);
  const to = name(handoff.toPersonId);
  const briefing = (
    <details className="handoff-briefing">
      <summary>Read the briefing</summary>
      <pre className="mono" role="note" aria-label="Command briefing">
        {handoff.briefing}
      </pre>
    </details>
  );

  if (handoff.toPersonId === me.id) {
    return (
      <div className="handoff-banner incoming" role="alert" aria-label="Command handoff">
        <div className="handoff-banner-text">
          <strong>{from} is handing you command.</strong> Read the briefing, then accept.
        </div>
        {briefing}
        <div className="item-actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => run((commands) => commands.acceptCommand({ handoffId: handoff.id }), { toastRefusal: true })}
          >
            Accept command
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => run((commands) => commands.declineCommand({ handoffId: handoff.id }), { toastRefusal: true })}
          >
            Decline
          </button>
        </div>
      </div>
    );
  }

  const outgoingSide = [handoff.fromPersonId, handoff.offeredBy, incidentCommander(roles)?.personId].includes(me.id);
  return (
    <div className="handoff-banner" role="status" aria-label="Command handoff">
      <div className="handoff-banner-text">
        <strong>Command offered to {to}</strong> by {from} at {formatClockTime(handoff.offeredAt)}: waiting for {to} to accept.
      </div>
      {briefing}
      {outgoingSide && (
        <div className="item-actions">
          <button
            type="button"
            className="btn btn-small"
            title={`${to} accepted by voice or in person: record it`}
            onClick={() => run((commands) => commands.acceptCommand({ handoffId: handoff.id, verbally: true }), { toastRefusal: true })}
          >
            Accepted verbally
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => run((commands) => commands.cancelHandoff({ handoffId: handoff.id }), { toastRefusal: true })}
          >
            Cancel offer
          </button>
        </div>
      )}
    </div>
  );
}
