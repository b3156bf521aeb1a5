// After a split room merges: two people were made incident commander, or severity was changed
// on both sides. Sitrep already shows one (the same on every laptop); this banner says which,
// and lets the incident commander confirm it or keep the other. Both changes stay in the timeline.
import { ROLE_LABELS } from '@core/commands';
import type { AuthorityConflict, RoleConflict, SeverityConflict } from '@core/conflicts';
import { useCommand } from '../../state/incidentContext';
import { formatClockTime } from '@core/time/instants';
import { useAuthorityConflicts } from './useAuthorityConflicts';
import './AuthorityConflicts.css';

export function AuthorityConflicts() {
  const conflicts = useAuthorityConflicts();
  if (conflicts.length === 0) return null;
  return (
    <section className="authority-conflicts" role="alert" aria-labelledby="authority-conflicts-heading">
      <div className="authority-conflicts-head">
        <h2 id="authority-conflicts-heading">Decided twice while the room was split</h2>
        {/* Shown to everyone and anyone may confirm: the incident commander is meant to, but
            may be the very person who is offline, and the room must not wait on them. */}
        <span className="authority-conflicts-audience">For the incident commander to confirm</span>
      </div>
      <ul className="authority-conflicts-list">
        {conflicts.map((conflict) => (
          <li key={conflict.id} className="authority-conflict">
            {conflict.kind === 'role' ? <RoleConflictItem conflict={conflict} /> : <SeverityConflictItem conflict={conflict} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function listOfNames(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function useConfirm(conflict: AuthorityConflict) {
  const run = useCommand();
  return (keep: string) => run((commands) => commands.resolveAuthorityConflict({ conflictId: conflict.id, keep }), { toastRefusal: true });
}

function RoleConflictItem({ conflict }: { conflict: RoleConflict }) {
  const confirm = useConfirm(conflict);
  const role = ROLE_LABELS[conflict.role].toLowerCase();
  const kept = conflict.claims.find((claim) => claim.id === conflict.keptId)!;
  const others = conflict.claims.filter((claim) => claim !== kept);
  const names = conflict.claims.map((claim) => claim.personName);
  return (
    <>
      <p>
        While the room was split, {listOfNames(names)} were {names.length > 2 ? 'all' : 'both'} made {role}. Sitrep kept{' '}
        <strong>{kept.personName}</strong> (latest).{' '}
        <span className="authority-conflict-when">
          ({conflict.claims.map((claim) => `${claim.personName} at ${formatClockTime(claim.at)}`).join(', ')})
        </span>
      </p>
      <div className="item-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={() => confirm(kept.id)}>
          Confirm {kept.personName} as {role}
        </button>
        {others.map((claim) => (
          <button key={claim.id} type="button" className="btn btn-small" onClick={() => confirm(claim.id)}>
            Keep {claim.personName} as {role} instead
          </button>
        ))}
      </div>
    </>
  );
}

function SeverityConflictItem({ conflict }: { conflict: SeverityConflict }) {
  const confirm = useConfirm(conflict);
  const kept = conflict.claims.find((claim) => claim.id === conflict.keptId)!;
  const others = conflict.claims.filter((claim) => claim !== kept);
  // The merged document's value is kept; it is usually, not always, the latest change.
  const latest = conflict.claims[conflict.claims.length - 1] === kept;
  return (
    <>
      <p>
        While the room was split, severity was changed on {conflict.claims.length > 2 ? 'several' : 'both'} sides:{' '}
        {conflict.claims.map((claim) => `${claim.byName} set ${claim.severity} at ${formatClockTime(claim.at)}`).join(', ')}. Sitrep kept{' '}
        <strong>{kept.severity}</strong>
        {latest ? ' (latest)' : ''}.
      </p>
      <div className="item-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={() => confirm(kept.id)}>
          Confirm severity {kept.severity}
        </button>
        {others.map((claim) => (
          <button key={claim.id} type="button" className="btn btn-small" onClick={() => confirm(claim.id)}>
            Keep severity {claim.severity} instead
          </button>
        ))}
      </div>
    </>
  );
}
