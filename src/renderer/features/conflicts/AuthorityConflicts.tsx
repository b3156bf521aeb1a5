// After a split room merges: two people were made incident commander, or severity was changed
// on both sides. Sitrep already shows one (the same on every laptop); this banner says which,
// and lets the incident commander confirm it or keep the other. Both changes stay in the timeline.
import type { AuthorityConflict, RoleConflict, SeverityConflict } from '@core/conflicts';
import { useCommand } from '../../state/incidentContext';
import { formatClockTime } from '@core/time/instants';
import { useLanguage, useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import { withNodes } from '../warroom/richText';
import { useAuthorityConflicts } from './useAuthorityConflicts';
import './AuthorityConflicts.css';

export function AuthorityConflicts() {
  const t = useT('warroom');
  const conflicts = useAuthorityConflicts();
  if (conflicts.length === 0) return null;
  return (
    <section className="authority-conflicts" role="alert" aria-labelledby="authority-conflicts-heading">
      <div className="authority-conflicts-head">
        <h2 id="authority-conflicts-heading">{t('conflicts.heading')}</h2>
        {/* Shown to everyone and anyone may confirm: the incident commander is meant to, but
            may be the very person who is offline, and the room must not wait on them. */}
        <span className="authority-conflicts-audience">{t('conflicts.audience')}</span>
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

/** "A and B", "A, B and C" in the UI language's own way of listing. */
function useListOfNames(): (names: readonly string[]) => string {
  const language = useLanguage();
  // The pseudo-locale is English underneath; Intl does not know it.
  const format = new Intl.ListFormat(language === 'en-XA' ? 'en' : language, { style: 'long', type: 'conjunction' });
  return (names) => format.format(names);
}

function useConfirm(conflict: AuthorityConflict) {
  const run = useCommand();
  return (keep: string) => run((commands) => commands.resolveAuthorityConflict({ conflictId: conflict.id, keep }), { toastRefusal: true });
}

function RoleConflictItem({ conflict }: { conflict: RoleConflict }) {
  const t = useT('warroom');
  const display = useTimeDisplay();
  const listOfNames = useListOfNames();
  const confirm = useConfirm(conflict);
  const role = t(`conflicts.role.${conflict.role}`);
  const kept = conflict.claims.find((claim) => claim.id === conflict.keptId)!;
  const others = conflict.claims.filter((claim) => claim !== kept);
  const names = conflict.claims.map((claim) => claim.personName);
  const when = conflict.claims
    .map((claim) => t('conflicts.claimAt', { name: claim.personName, time: formatClockTime(claim.at, display) }))
    .join(t('conflicts.separator'));
  return (
    <>
      <p>
        {withNodes(
          (slots) =>
            t('conflicts.roleTwice', { names: listOfNames(names), group: names.length > 2 ? 'all' : 'both', role, kept: slots.kept }),
          {
            kept: <strong>{kept.personName}</strong>,
          },
        )}{' '}
        <span className="authority-conflict-when">{t('conflicts.when', { list: when })}</span>
      </p>
      <div className="item-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={() => confirm(kept.id)}>
          {t('conflicts.confirmRole', { name: kept.personName, role })}
        </button>
        {others.map((claim) => (
          <button key={claim.id} type="button" className="btn btn-small" onClick={() => confirm(claim.id)}>
            {t('conflicts.keepRole', { name: claim.personName, role })}
          </button>
        ))}
      </div>
    </>
  );
}

function SeverityConflictItem({ conflict }: { conflict: SeverityConflict }) {
  const t = useT('warroom');
  const display = useTimeDisplay();
  const confirm = useConfirm(conflict);
  const kept = conflict.claims.find((claim) => claim.id === conflict.keptId)!;
  const others = conflict.claims.filter((claim) => claim !== kept);
  // The merged document's value is kept; it is usually, not always, the latest change.
  const latest = conflict.claims[conflict.claims.length - 1] === kept;
  const changes = conflict.claims
    .map((claim) =>
      t('conflicts.severityClaim', { name: claim.byName, severity: claim.severity, time: formatClockTime(claim.at, display) }),
    )
    .join(t('conflicts.separator'));
  return (
    <>
      <p>
        {withNodes(
          (slots) =>
            t('conflicts.severityTwice', {
              sides: conflict.claims.length > 2 ? 'several' : 'both',
              changes,
              kept: slots.kept,
              latest: latest ? 'yes' : 'no',
            }),
          { kept: <strong>{kept.severity}</strong> },
        )}
      </p>
      <div className="item-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={() => confirm(kept.id)}>
          {t('conflicts.confirmSeverity', { severity: kept.severity })}
        </button>
        {others.map((claim) => (
          <button key={claim.id} type="button" className="btn btn-small" onClick={() => confirm(claim.id)}>
            {t('conflicts.keepSeverity', { severity: claim.severity })}
          </button>
        ))}
      </div>
    </>
  );
}
