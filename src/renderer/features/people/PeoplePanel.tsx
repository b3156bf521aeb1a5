// People and roles: who is in the room, what role each holds, duty time, and command handover.
import { useState } from 'react';
import { ROLES, type Role } from '@core/model';
import { ROLE_LABELS } from '@core/commands';
import { fatigueWarnings, unfilledKeyRoles } from '@core/fatigue';
import { currentHolders, incidentCommander, roleHistory, timeOnDuty, currentTenuresOf } from '@core/selectors';
import { useCollection, useCommand, useIncidentSession, useNow } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { PersonSelect } from './PersonSelect';
import { HandoffBanner } from './HandoffBanner';
import { OfferCommandDialog } from './OfferCommandDialog';
import { usePolicy } from '../updates/usePolicy';
import { formatHoursMinutes } from '@core/time/durations';
import { formatClockTime } from '@core/time/instants';
import { PresenceBadge } from '../room/PresenceBadge';
import { usePresence } from '../room/useNetwork';
import { RemoveParticipantDialog } from '../identity/RemoveParticipantDialog';
import '../identity/identity.css';
import { FocusButton, usePanelFocus } from '../warroom/panelFocus';
import { usePeopleActions } from '../commands/featureActions';

export function PeoplePanel() {
  const people = useCollection('people');
  const roles = useCollection('roles');
  const tasks = useCollection('tasks');
  const run = useCommand();
  const { me } = useIncidentSession();
  const presence = usePresence();
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const now = useNow(30_000);
  const [addOpen, setAddOpen] = useState(false);
  const [roleOpen, setRoleOpen] = useState(false);
  const [handoverOpen, setHandoverOpen] = useState(false);
  usePeopleActions(setAddOpen, setRoleOpen, setHandoverOpen);
  const ic = incidentCommander(roles);
  const iAmCommander = ic?.personId === me.id;
  const openTasks = (personId: string) => tasks.filter((t) => t.assigneeId === personId && t.status !== 'done').length;
  const unfilled = unfilledKeyRoles(roles);
  const policy = usePolicy();
  const tired = new Map(fatigueWarnings(people, policy, now).map((w) => [w.person.id, w.sinceRestMs]));
  const focus = usePanelFocus('people');

  return (
    <section className={`panel panel-people${focus.className}`} aria-labelledby="people-heading" hidden={focus.hidden}>
      <div className="panel-head">
        <h2 id="people-heading">People &amp; roles</h2>
        <span className="count">{people.filter((p) => p.status !== 'left').length}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setAddOpen(true)}>
          Add person
        </button>
        <FocusButton panel="people" name="People and roles" />
      </div>
      <div className="panel-body">
        <HandoffBanner />
        {tired.size > 0 && (
          <p className="item-meta fatigue-summary" role="note">
            {tired.size === 1 ? '1 person needs rest' : `${tired.size} people need rest`}: on duty over {policy.fatigueWarningHours}h
            without a break
          </p>
        )}
        <KeyRoles unfilled={unfilled} />
        <ul className="list" aria-label="People">
          {people.map((person) => {
            // Only the tenures the room shows as current: a split decision has one winner until confirmed.
            const held = currentTenuresOf(roles, person.id);
            const devices = presence.devices.get(person.id) ?? 0;
            const orphaned = person.status === 'left' ? openTasks(person.id) : 0;
            return (
              <li
                key={person.id}
                className={`item row person-row${person.status === 'left' ? ' person-left' : ''}`}
                aria-label={person.name}
              >
                <span className={`status-dot status-${person.status}`} title={person.status} aria-hidden="true" />
                <div className="item-main">
                  <div className="item-title">
                    {person.name}
                    {person.id === me.id && <span className="faint"> (you)</span>}
                    <PresenceBadge personId={person.id} isMe={person.id === me.id} />
                    {devices > 1 && <span className="person-devices">on {devices} devices</span>}
                  </div>
                  <div className="person-line">
                    {held.map((r) => (
                      <span key={r.id} className={`chip ${r.role === 'incident-commander' ? 'role-ic' : ''}`}>
                        {r.role === 'incident-commander' ? 'IC' : ROLE_LABELS[r.role]}
                        <button
                          type="button"
                          className="btn-ghost"
                          style={{ border: 0, background: 'none', cursor: 'pointer', padding: '0 0 0 4px', color: 'inherit' }}
                          aria-label={`Release ${person.name} from ${ROLE_LABELS[r.role]}`}
                          onClick={() => run((commands) => commands.releaseRole({ assignmentId: r.id }), { toastRefusal: true })}
                        >
                          ×
                        </button>
                      </span>
                    ))}
                    <span className="item-meta">
                      {person.status === 'active' ? 'On duty' : person.status === 'resting' ? 'Resting' : 'Left'} ·{' '}
                      {formatHoursMinutes(timeOnDuty(person, now))}
                      {person.contact ? ` · ${person.contact}` : ''}
                    </span>
                  </div>
                  {orphaned > 0 && (
                    <p className="item-meta warn-text" role="note">
                      {orphaned === 1 ? '1 open task needs' : `${orphaned} open tasks need`} a new owner
                    </p>
                  )}
                  {tired.has(person.id) && (
                    <div className="fatigue-warning" role="note">
                      <span>On duty {formatHoursMinutes(tired.get(person.id) ?? 0)} — consider rest</span>
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Send ${person.name} to rest`}
                        onClick={() =>
                          run((commands) => commands.setPersonStatus({ personId: person.id, status: 'resting' }), { toastRefusal: true })
                        }
                      >
                        Send to rest
                      </button>
                    </div>
                  )}
                </div>
                <div className="row-actions">
                  {iAmCommander && person.id !== me.id && (
                    <>
                      {person.status !== 'left' && (
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`Mark ${person.name} as left`}
                          onClick={() => run((commands) => commands.markPersonLeft({ personId: person.id }), { toastRefusal: true })}
                        >
                          Mark as left
                        </button>
                      )}
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Remove ${person.name} from the room`}
                        onClick={() => setRemoving({ id: person.id, name: person.name })}
                      >
                        Remove…
                      </button>
                    </>
                  )}
                  <label className="visually-hidden" htmlFor={`status-${person.id}`}>
                    Status of {person.name}
                  </label>
                  <select
                    id={`status-${person.id}`}
                    className="mini-select"
                    value={person.status}
                    onChange={(e) =>
                      run((commands) => commands.setPersonStatus({ personId: person.id, status: e.target.value as 'active' }), {
                        toastRefusal: true,
                      })
                    }
                  >
                    <option value="active">Active</option>
                    <option value="resting">Resting</option>
                    {/* Leaving is the commander's "Mark as left" (or your own); this list only shows it. */}
                    <option value="left" disabled={!iAmCommander && person.id !== me.id}>
                      Left
                    </option>
                  </select>
                </div>
              </li>
            );
          })}
        </ul>
        <div className="item-actions" style={{ marginTop: 10 }}>
          <button type="button" className="btn btn-small" onClick={() => setRoleOpen(true)}>
            Assign role
          </button>
          <button type="button" className="btn btn-small" onClick={() => setHandoverOpen(true)}>
            {ic && ic.personId !== me.id ? 'Assume command' : 'Hand over command'}
          </button>
        </div>
        <RoleHistory />
      </div>
      <AddPersonDialog open={addOpen} onOpenChange={setAddOpen} />
      <RemoveParticipantDialog person={removing} onOpenChange={(open) => (open ? undefined : setRemoving(null))} />
      <AssignRoleDialog open={roleOpen} onOpenChange={setRoleOpen} />
      <OfferCommandDialog open={handoverOpen} onOpenChange={setHandoverOpen} currentIc={ic?.personId ?? null} />
    </section>
  );
}

// The roles an IC looks for first, each with who holds it now (the roster below has everyone).
const KEY_ROLE_ROWS: ReadonlyArray<[role: Role, short: string]> = [
  ['incident-commander', 'IC'],
  ['deputy', 'Deputy'],
  ['technical-lead', 'Tech lead'],
  ['communications-lead', 'Comms'],
  ['scribe', 'Scribe'],
];

/** Who holds each key role, one line each; an unfilled one the room needs is flagged. */
function KeyRoles({ unfilled }: { unfilled: readonly Role[] }) {
  const roles = useCollection('roles');
  const people = useCollection('people');
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? 'someone';
  return (
    <ul className="key-roles" aria-label="Key roles">
      {KEY_ROLE_ROWS.map(([role, short]) => {
        const holders = currentHolders(roles, role);
        const needed = unfilled.includes(role);
        return (
          <li key={role} aria-label={ROLE_LABELS[role]} className={role === 'incident-commander' ? 'key-role-ic' : undefined}>
            <span className="key-role" title={ROLE_LABELS[role]}>
              {short}
            </span>
            {holders.length > 0 ? (
              <span className="key-holder" title={holders.map((h) => name(h.personId)).join(', ')}>
                {holders.map((h) => name(h.personId)).join(', ')}
              </span>
            ) : (
              <span className={`key-holder ${needed ? 'warn-text' : 'faint'}`}>{needed ? 'Unfilled' : 'None'}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function RoleHistory() {
  const roles = useCollection('roles');
  const people = useCollection('people');
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? 'someone';
  const history = roleHistory(roles, 'incident-commander');
  if (history.length < 2) return null;
  return (
    <details style={{ marginTop: 10 }}>
      <summary className="item-meta" style={{ cursor: 'pointer' }}>
        Command history ({history.length})
      </summary>
      <ol className="list" aria-label="Command history" style={{ fontSize: 12 }}>
        {history.map((t) => (
          <li key={t.id} className="item-meta">
            {name(t.personId)}: {formatClockTime(t.assignedAt)}–{t.endedAt === null ? 'now' : formatClockTime(t.endedAt)}
          </li>
        ))}
      </ol>
    </details>
  );
}

function AddPersonDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add person"
      description="Someone working on this incident."
      submitLabel="Add person"
      onSubmit={() => submitted(run((commands) => commands.addPerson({ name, contact })))}
      onClosed={() => {
        setName('');
        setContact('');
      }}
    >
      <div className="field">
        <label htmlFor="person-name">Name</label>
        <input id="person-name" className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </div>
      <div className="field">
        <label htmlFor="person-contact">Contact (optional)</label>
        <input
          id="person-contact"
          className="input"
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          placeholder="phone, chat handle, email"
        />
      </div>
    </FormDialog>
  );
}

function AssignRoleDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [role, setRole] = useState<Role>('technical-lead');
  const [personId, setPersonId] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Assign role"
      description="Roles are explicit: one named person each."
      submitLabel="Assign role"
      onSubmit={() =>
        personId ? submitted(run((commands) => commands.assignRole({ role, personId }))) : 'Choose the person who takes this role.'
      }
      onClosed={() => setPersonId('')}
    >
      <div className="field">
        <label htmlFor="role-select">Role</label>
        <select id="role-select" className="select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.filter((r) => r !== 'incident-commander').map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="role-person">Person</label>
        <PersonSelect id="role-person" value={personId} onChange={setPersonId} />
      </div>
    </FormDialog>
  );
}
