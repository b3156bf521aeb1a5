// What every peer must see about who is in charge: command taken without a handover (with the
// reason, and for the replaced commander, Contest and Accept), a contest, and severity changes
// proposed to the commander (Confirm and Decline for the commander).
import { useState } from 'react';
import type { CommandAssumption, SeverityProposal } from '@core/commands';
import { incidentCommander } from '@core/selectors';
import { formatClockTime } from '@core/time/instants';
import { useCollection, useCommand, useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { useAuthority } from './useAuthority';
import { useUndoRefusals } from './useUndoRefusals';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import { withNodes } from '../warroom/richText';
import './authority.css';

export function AuthorityBanners() {
  useUndoRefusals();
  const { assumptions, pendingProposals } = useAuthority();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const people = useCollection('people');
  // An open assumption waits for the replaced commander's answer; with nobody to answer (no one
  // held command, or they have left) the timeline's record is enough.
  const canAnswer = (personId: string | null) => people.some((person) => person.id === personId && person.status !== 'left');
  const open = assumptions.filter((assumption) => assumption.status === 'open' && canAnswer(assumption.fromPersonId));
  // A contest stays in view until each person dismisses it here; the timeline keeps it for good.
  const latest = assumptions[assumptions.length - 1];
  const contested = latest?.status === 'contested' && !dismissed.has(latest.id) ? latest : null;
  if (open.length === 0 && !contested && pendingProposals.length === 0) return null;
  return (
    <div className="authority-banners">
      {open.map((assumption) => (
        <AssumedCommandBanner key={assumption.id} assumption={assumption} />
      ))}
      {contested && <ContestedBanner assumption={contested} onDismiss={() => setDismissed((seen) => new Set(seen).add(contested.id))} />}
      {pendingProposals.map((proposal) => (
        <SeverityProposalBanner key={proposal.id} proposal={proposal} />
      ))}
    </div>
  );
}

function AssumedCommandBanner({ assumption }: { assumption: CommandAssumption }) {
  const t = useT('warroom');
  const display = useTimeDisplay();
  const { me } = useIncidentSession();
  const run = useCommand();
  const [contesting, setContesting] = useState(false);
  const [reason, setReason] = useState('');
  const replacedMe = assumption.fromPersonId === me.id;
  const headline = t('authority.assumed', {
    actorIsMe: assumption.personId === me.id ? 'yes' : 'no',
    actor: assumption.personName,
    from: !assumption.fromPersonId ? 'none' : replacedMe ? 'me' : 'other',
    fromName: assumption.fromName,
    time: formatClockTime(assumption.at, display),
  });
  return (
    <section className="authority-banner assumed" role="alert" aria-label={t('authority.assumedRegion')}>
      <p>
        {withNodes((slots) => t('authority.assumedSentence', { headline: slots.headline, reason: slots.reason }), {
          headline: <strong>{headline}</strong>,
          reason: <q className="authority-reason">{assumption.reason}</q>,
        })}
      </p>
      {replacedMe ? (
        <div className="item-actions">
          <button type="button" className="btn btn-small btn-danger" onClick={() => setContesting(true)}>
            {t('authority.contest')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => run((commands) => commands.acceptAssumedCommand({ assumptionId: assumption.id }), { toastRefusal: true })}
          >
            {t('authority.accept', { name: assumption.personName })}
          </button>
        </div>
      ) : (
        assumption.fromPersonId && <span className="authority-banner-note">{t('authority.canContest', { name: assumption.fromName })}</span>
      )}
      <FormDialog
        open={contesting}
        onOpenChange={setContesting}
        title={t('authority.contestTitle')}
        description={t('authority.contestDescription', { name: assumption.personName })}
        submitLabel={t('authority.contestSubmit')}
        onSubmit={() => submitted(run((commands) => commands.contestCommand({ assumptionId: assumption.id, reason })))}
        onClosed={() => setReason('')}
      >
        <div className="field">
          <label htmlFor={`contest-reason-${assumption.id}`}>{t('authority.contestReason')}</label>
          <textarea
            id={`contest-reason-${assumption.id}`}
            className="textarea"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </FormDialog>
    </section>
  );
}

function ContestedBanner({ assumption, onDismiss }: { assumption: CommandAssumption; onDismiss: () => void }) {
  const t = useT('warroom');
  const display = useTimeDisplay();
  const tc = useT('common');
  const response = assumption.response;
  const reason = <q className="authority-reason">{assumption.reason}</q>;
  const answer = response?.reason ? <q className="authority-reason">{response.reason}</q> : null;
  return (
    <section className="authority-banner contested" role="status" aria-label={t('authority.contestedRegion')}>
      <p>
        <strong>{t('authority.contestedTitle')}</strong>{' '}
        {withNodes(
          (slots) =>
            t('authority.contestedSentence', {
              actor: assumption.personName,
              fromName: assumption.fromName,
              time: formatClockTime(assumption.at, display),
              reason: slots.reason,
              by: response ? 'known' : 'unknown',
              byName: response?.byName ?? '',
              byTime: response ? formatClockTime(response.at, display) : '',
              answered: answer ? 'yes' : 'no',
              answer: slots.answer,
            }),
          { reason, answer },
        )}
      </p>
      <div className="item-actions">
        <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss}>
          {tc('action.dismiss')}
        </button>
      </div>
    </section>
  );
}

function SeverityProposalBanner({ proposal }: { proposal: SeverityProposal }) {
  const t = useT('warroom');
  const display = useTimeDisplay();
  const { me } = useIncidentSession();
  const run = useCommand();
  const roles = useCollection('roles');
  const people = useCollection('people');
  const info = useIncidentInfo();
  const ic = incidentCommander(roles);
  const icName = ic && ic.personId !== me.id ? (people.find((p) => p.id === ic.personId)?.name ?? null) : null;
  const decides = !ic || ic.personId === me.id;
  const headline = t('authority.proposed', {
    actorIsMe: proposal.by === me.id ? 'yes' : 'no',
    actor: proposal.byName,
    severity: proposal.severity,
  });
  return (
    <section
      className="authority-banner proposal"
      role="status"
      aria-label={t('authority.proposalRegion', { severity: proposal.severity })}
    >
      <p>
        {withNodes(
          (slots) =>
            t('authority.proposalSentence', {
              headline: slots.headline,
              time: formatClockTime(proposal.at, display),
              current: info?.severity ?? proposal.from,
              reasoned: proposal.reason ? 'yes' : 'no',
              reason: slots.reason,
            }),
          { headline: <strong>{headline}</strong>, reason: <q className="authority-reason">{proposal.reason}</q> },
        )}{' '}
        {decides ? t('authority.yoursToConfirm') : icName ? t('authority.waitingFor', { name: icName }) : t('authority.waitingForIc')}
      </p>
      {decides && (
        <div className="item-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => run((commands) => commands.confirmSeverityProposal({ proposalId: proposal.id }), { toastRefusal: true })}
          >
            {t('authority.confirmSeverity', { severity: proposal.severity })}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => run((commands) => commands.declineSeverityProposal({ proposalId: proposal.id }), { toastRefusal: true })}
          >
            {t('authority.decline')}
          </button>
        </div>
      )}
    </section>
  );
}
