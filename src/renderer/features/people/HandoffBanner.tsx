// Handing over command, step two: everyone sees the pending offer; the incoming person reads
// the briefing and accepts or declines; the outgoing side can record a verbal acceptance.
import { pendingHandoff } from '@core/handoffs';
import { incidentCommander } from '@core/selectors';
import { useCollection, useCommand, useIncidentSession } from '../../state/incidentContext';
import { formatClockTime } from '@core/time/instants';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import './handoff.css';

export function HandoffBanner() {
  const handoffs = useCollection('handoffs');
  const people = useCollection('people');
  const roles = useCollection('roles');
  const run = useCommand();
  const { me } = useIncidentSession();
  const t = useT('work');
  const display = useTimeDisplay();
  const tc = useT('common');
  const handoff = pendingHandoff(handoffs);
  if (!handoff) return null;
  const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? t('someone')) : tc('nobody'));
  const from = handoff.fromPersonId ? name(handoff.fromPersonId) : name(handoff.offeredBy);
  const to = name(handoff.toPersonId);
  const briefing = (
    <details className="handoff-briefing">
      <summary>{t('handoff.readBriefing')}</summary>
      <pre className="mono" role="note" aria-label={t('handoff.briefingLabel')}>
        {handoff.briefing}
      </pre>
    </details>
  );

  if (handoff.toPersonId === me.id) {
    return (
      <div className="handoff-banner incoming" role="alert" aria-label={t('handoff.label')}>
        <div className="handoff-banner-text">
          <strong>{t('handoff.incoming', { from })}</strong> {t('handoff.incomingHint')}
        </div>
        {briefing}
        <div className="item-actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => run((commands) => commands.acceptCommand({ handoffId: handoff.id }), { toastRefusal: true })}
          >
            {t('handoff.accept')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => run((commands) => commands.declineCommand({ handoffId: handoff.id }), { toastRefusal: true })}
          >
            {t('handoff.decline')}
          </button>
        </div>
      </div>
    );
  }

  const outgoingSide = [handoff.fromPersonId, handoff.offeredBy, incidentCommander(roles)?.personId].includes(me.id);
  return (
    <div className="handoff-banner" role="status" aria-label={t('handoff.label')}>
      <div className="handoff-banner-text">{t('handoff.offered', { to, from, time: formatClockTime(handoff.offeredAt, display) })}</div>
      {briefing}
      {outgoingSide && (
        <div className="item-actions">
          <button
            type="button"
            className="btn btn-small"
            title={t('handoff.verbalTitle', { name: to })}
            onClick={() => run((commands) => commands.acceptCommand({ handoffId: handoff.id, verbally: true }), { toastRefusal: true })}
          >
            {t('handoff.acceptedVerbally')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => run((commands) => commands.cancelHandoff({ handoffId: handoff.id }), { toastRefusal: true })}
          >
            {t('handoff.cancelOffer')}
          </button>
        </div>
      )}
    </div>
  );
}
