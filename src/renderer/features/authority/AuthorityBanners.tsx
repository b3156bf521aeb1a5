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
  const { me } = useIncidentSession();
  const run = useCommand();
  const [contesting, setContesting] = useState(false);
  const [reason, setReason] = useState('');
  const replacedMe = assumption.fromPersonId === me.id;
  const from = assumption.fromPersonId ? ` from ${replacedMe ? 'you' : assumption.fromName}` : '';
  return (
    <section className="authority-banner assumed" role="alert" aria-label="Command assumed">
      <p>
        <strong>
          {assumption.personId === me.id ? 'You' : assumption.personName} assumed command{from} at {formatClockTime(assumption.at)}
        </strong>{' '}
        without a handover. Reason: <q className="authority-reason">{assumption.reason}</q>
      </p>
      {replacedMe ? (
        <div className="item-actions">
          <button type="button" className="btn btn-small btn-danger" onClick={() => setContesting(true)}>
            Contest
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => run((commands) => commands.acceptAssumedCommand({ assumptionId: assumption.id }), { toastRefusal: true })}
          >
            Accept {assumption.personName} as commander
          </button>
        </div>
      ) : (
        assumption.fromPersonId && (
          <span className="authority-banner-note">{assumption.fromName} can contest it, which gives command back to them.</span>
        )
      )}
      <FormDialog
        open={contesting}
        onOpenChange={setContesting}
        title="Contest command"
        description={`Command goes back to you at once, and the room sees that you contested ${assumption.personName}'s assumption of command.`}
        submitLabel="Contest and take command back"
        onSubmit={() => submitted(run((commands) => commands.contestCommand({ assumptionId: assumption.id, reason })))}
        onClosed={() => setReason('')}
      >
        <div className="field">
          <label htmlFor={`contest-reason-${assumption.id}`}>Why (optional)</label>
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
  const response = assumption.response;
  return (
    <section className="authority-banner contested" role="status" aria-label="Command contested">
      <p>
        <strong>Command contested.</strong> {assumption.personName} assumed command from {assumption.fromName} at{' '}
        {formatClockTime(assumption.at)} (<q className="authority-reason">{assumption.reason}</q>);{' '}
        {response ? `${response.byName} contested it at ${formatClockTime(response.at)}` : 'it was contested'} and holds command again
        {response?.reason ? (
          <>
            : <q className="authority-reason">{response.reason}</q>
          </>
        ) : (
          ''
        )}
        . Settle it with a handover if need be.
      </p>
      <div className="item-actions">
        <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}

function SeverityProposalBanner({ proposal }: { proposal: SeverityProposal }) {
  const { me } = useIncidentSession();
  const run = useCommand();
  const roles = useCollection('roles');
  const people = useCollection('people');
  const info = useIncidentInfo();
  const ic = incidentCommander(roles);
  const icName = ic ? (ic.personId === me.id ? 'you' : (people.find((p) => p.id === ic.personId)?.name ?? 'the incident commander')) : null;
  const decides = !ic || ic.personId === me.id;
  return (
    <section className="authority-banner proposal" role="status" aria-label={`Severity ${proposal.severity} proposed`}>
      <p>
        <strong>
          {proposal.by === me.id ? 'You' : proposal.byName} proposed {proposal.severity}
        </strong>{' '}
        at {formatClockTime(proposal.at)} (now {info?.severity ?? proposal.from})
        {proposal.reason ? (
          <>
            : <q className="authority-reason">{proposal.reason}</q>
          </>
        ) : (
          ''
        )}
        . {decides ? 'Lowering severity is yours to confirm.' : `Waiting for ${icName ?? 'the incident commander'} to confirm.`}
      </p>
      {decides && (
        <div className="item-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => run((commands) => commands.confirmSeverityProposal({ proposalId: proposal.id }), { toastRefusal: true })}
          >
            Confirm {proposal.severity}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => run((commands) => commands.declineSeverityProposal({ proposalId: proposal.id }), { toastRefusal: true })}
          >
            Decline
          </button>
        </div>
      )}
    </section>
  );
}
