// People and roles: who is in the room, what role each holds, duty time, and command handover.
import { useState } from 'react';
import { ROLES, type Role } from '@core/model';
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
import '../warroom/panelHeads.css';
import { FocusButton, usePanelFocus } from '../warroom/panelFocus';
import { usePeopleActions } from '../commands/featureActions';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import { LongList, type LongListRowProps } from '../tasks/LongList';
import type { Person } from '@core/model';

/** A roster row's first guess of its height (name, then roles and duty time); measured once shown. */
const PERSON_ROW_HEIGHT = 52;

export function PeoplePanel() {
  const people = useCollection('people');
  const roles = useCollection('roles');
  const tasks = useCollection('tasks');
  const { me } = useIncidentSession();
  const t = useT('work');
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
        <h2 id="people-heading">{t('people.title')}</h2>
        <span className="count">{people.filter((p) => p.status !== 'left').length}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setAddOpen(true)}>
          {t('people.add')}
        </button>
        <FocusButton panel="people" name={t('people.focusName')} />
      </div>
      <div className="panel-body">
        <HandoffBanner />
        {tired.size > 0 && (
          <p className="item-meta fatigue-summary" role="note">
            {t('people.needRest', { count: tired.size, hours: policy.fatigueWarningHours })}
          </p>
        )}
        <KeyRoles unfilled={unfilled} />
        <LongList
          className="list"
          aria-label={t('people.listLabel')}
          items={people}
          getKey={(person) => person.id}
          estimateSize={PERSON_ROW_HEIGHT}
          renderItem={(person, row) => (
            <PersonRow
              person={person}
              row={row}
              now={now}
              iAmCommander={iAmCommander}
              tiredFor={tired.get(person.id)}
              orphaned={person.status === 'left' ? openTasks(person.id) : 0}
              onRemove={() => setRemoving({ id: person.id, name: person.name })}
            />
          )}
        />
        <div className="item-actions" style={{ marginTop: 10 }}>
          <button type="button" className="btn btn-small" onClick={() => setRoleOpen(true)}>
            {t('people.assignRole')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setHandoverOpen(true)}>
            {ic && ic.personId !== me.id ? t('people.assumeCommand') : t('people.handOver')}
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

/** One person: name, presence, roles held, duty time, and the IC's controls for them. */
function PersonRow({
  person,
  row,
  now,
  iAmCommander,
  tiredFor,
  orphaned,
  onRemove,
}: {
  person: Person;
  row: LongListRowProps;
  now: number;
  iAmCommander: boolean;
  tiredFor: number | undefined;
  orphaned: number;
  onRemove: () => void;
}) {
  const t = useT('work');
  const display = useTimeDisplay();
  const tc = useT('common');
  const roles = useCollection('roles');
  const run = useCommand();
  const { me } = useIncidentSession();
  const presence = usePresence();
  // Only the tenures the room shows as current: a split decision has one winner until confirmed.
  const held = currentTenuresOf(roles, person.id);
  const devices = presence.devices.get(person.id) ?? 0;
  return (
    <li className={`item row person-row${person.status === 'left' ? ' person-left' : ''}`} aria-label={person.name} {...row}>
      <span className={`status-dot status-${person.status}`} title={tc(`personStatus.${person.status}`)} aria-hidden="true" />
      <div className="item-main">
        <div className="item-title">
          {person.name}
          {person.id === me.id && <span className="faint">{` ${t('people.you')}`}</span>}
          <PresenceBadge personId={person.id} isMe={person.id === me.id} />
          {devices > 1 && <span className="person-devices">{t('people.devices', { count: devices })}</span>}
        </div>
        <div className="person-line">
          {held.map((r) => (
            <span key={r.id} className={`chip ${r.role === 'incident-commander' ? 'role-ic' : ''}`}>
              {r.role === 'incident-commander' ? t('people.keyRoles.short.incident-commander') : tc(`role.${r.role}`)}
              <button
                type="button"
                className="btn-ghost"
                style={{ border: 0, background: 'none', cursor: 'pointer', padding: '0 0 0 4px', color: 'inherit' }}
                aria-label={t('people.release', { name: person.name, role: tc(`role.${r.role}`) })}
                onClick={() => run((commands) => commands.releaseRole({ assignmentId: r.id }), { toastRefusal: true })}
              >
                ×
              </button>
            </span>
          ))}
          <span className="item-meta">
            {t(`people.duty.${person.status}`)}
            {' · '}
            {formatHoursMinutes(timeOnDuty(person, now), display.language)}
            {person.contact ? ` · ${person.contact}` : ''}
          </span>
        </div>
        {orphaned > 0 && (
          <p className="item-meta warn-text" role="note">
            {t('people.orphaned', { count: orphaned })}
          </p>
        )}
        {tiredFor !== undefined && (
          <div className="fatigue-warning" role="note">
            <span>{t('people.fatigue', { duration: formatHoursMinutes(tiredFor, display.language) })}</span>
            <button
              type="button"
              className="btn btn-small"
              aria-label={t('people.sendToRestLabel', { name: person.name })}
              onClick={() =>
                run((commands) => commands.setPersonStatus({ personId: person.id, status: 'resting' }), { toastRefusal: true })
              }
            >
              {t('people.sendToRest')}
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
                aria-label={t('people.markLeftLabel', { name: person.name })}
                onClick={() => run((commands) => commands.markPersonLeft({ personId: person.id }), { toastRefusal: true })}
              >
                {t('people.markLeft')}
              </button>
            )}
            <button type="button" className="btn btn-small" aria-label={t('people.removeLabel', { name: person.name })} onClick={onRemove}>
              {t('people.remove')}
            </button>
          </>
        )}
        <label className="visually-hidden" htmlFor={`status-${person.id}`}>
          {t('people.statusOf', { name: person.name })}
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
          <option value="active">{tc('personStatus.active')}</option>
          <option value="resting">{tc('personStatus.resting')}</option>
          {/* Leaving is the commander's "Mark as left" (or your own); this list only shows it. */}
          <option value="left" disabled={!iAmCommander && person.id !== me.id}>
            {tc('personStatus.left')}
          </option>
        </select>
      </div>
    </li>
  );
}

// The roles an IC looks for first, each with who holds it now (the roster below has everyone).
const KEY_ROLE_ROWS = [
  'incident-commander',
  'deputy',
  'technical-lead',
  'communications-lead',
  'scribe',
] as const satisfies readonly Role[];

/** Who holds each key role, one line each; an unfilled one the room needs is flagged. */
function KeyRoles({ unfilled }: { unfilled: readonly Role[] }) {
  const roles = useCollection('roles');
  const people = useCollection('people');
  const t = useT('work');
  const tc = useT('common');
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? t('someone');
  return (
    <ul className="key-roles" aria-label={t('people.keyRoles.label')}>
      {KEY_ROLE_ROWS.map((role) => {
        const holders = currentHolders(roles, role);
        const needed = unfilled.includes(role);
        return (
          <li key={role} aria-label={tc(`role.${role}`)} className={role === 'incident-commander' ? 'key-role-ic' : undefined}>
            <span className="key-role" title={tc(`role.${role}`)}>
              {t(`people.keyRoles.short.${role}`)}
            </span>
            {holders.length > 0 ? (
              <span className="key-holder" title={holders.map((h) => name(h.personId)).join(', ')}>
                {holders.map((h) => name(h.personId)).join(', ')}
              </span>
            ) : (
              <span className={`key-holder ${needed ? 'warn-text' : 'faint'}`}>
                {needed ? t('people.keyRoles.unfilled') : t('people.keyRoles.none')}
              </span>
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
  const t = useT('work');
  const display = useTimeDisplay();
  const [open, setOpen] = useState(false);
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? t('someone');
  const history = roleHistory(roles, 'incident-commander');
  if (history.length < 2) return null;
  return (
    <details style={{ marginTop: 10 }} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="item-meta" style={{ cursor: 'pointer' }}>
        {t('people.history.summary', { count: history.length })}
      </summary>
      {/* Rendered only while open: a long day's handovers cost the room nothing folded. */}
      {open && (
        <ol className="list" aria-label={t('people.history.label')} style={{ fontSize: 12 }}>
          {history.map((tenure) => (
            <li key={tenure.id} className="item-meta">
              {t('people.history.tenure', {
                name: name(tenure.personId),
                from: formatClockTime(tenure.assignedAt, display),
                to: tenure.endedAt === null ? t('people.history.now') : formatClockTime(tenure.endedAt, display),
              })}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function AddPersonDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('work');
  const run = useCommand();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('people.addDialog.title')}
      description={t('people.addDialog.description')}
      submitLabel={t('people.addDialog.submit')}
      onSubmit={() => submitted(run((commands) => commands.addPerson({ name, contact })))}
      onClosed={() => {
        setName('');
        setContact('');
      }}
    >
      <div className="field">
        <label htmlFor="person-name">{t('people.addDialog.name')}</label>
        <input id="person-name" className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </div>
      <div className="field">
        <label htmlFor="person-contact">{t('people.addDialog.contact')}</label>
        <input
          id="person-contact"
          className="input"
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          placeholder={t('people.addDialog.contactPlaceholder')}
        />
      </div>
    </FormDialog>
  );
}

function AssignRoleDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('work');
  const tc = useT('common');
  const run = useCommand();
  const [role, setRole] = useState<Role>('technical-lead');
  const [personId, setPersonId] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('people.roleDialog.title')}
      description={t('people.roleDialog.description')}
      submitLabel={t('people.roleDialog.submit')}
      onSubmit={() =>
        personId ? submitted(run((commands) => commands.assignRole({ role, personId }))) : t('people.roleDialog.choosePerson')
      }
      onClosed={() => setPersonId('')}
    >
      <div className="field">
        <label htmlFor="role-select">{t('people.roleDialog.role')}</label>
        <select id="role-select" className="select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.filter((r) => r !== 'incident-commander').map((r) => (
            <option key={r} value={r}>
              {tc(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="role-person">{t('people.roleDialog.person')}</label>
        <PersonSelect id="role-person" value={personId} onChange={setPersonId} />
      </div>
    </FormDialog>
  );
}
