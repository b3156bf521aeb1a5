// Follow-up action items for after the incident.
import { useState } from 'react';
import { FOLLOW_UP_PRIORITIES, FOLLOW_UP_STATUSES, type FollowUpPriority, type FollowUpStatus } from '@core/model';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { formatDateTime, fromLocalInputValue } from '@core/time/instants';
import { PersonSelect } from '../people/PersonSelect';
import { useAction } from '../commands/registry';

const STATUS_LABELS: Record<FollowUpStatus, string> = { open: 'Open', 'in-progress': 'In progress', done: 'Done' };

export function FollowUpsPanel() {
  const items = useCollection('followUps');
  const people = useCollection('people');
  const run = useCommand();
  const [open, setOpen] = useState(false);
  useAction('followup.add', () => setOpen(true));
  return (
    <section aria-label="Follow-ups">
      <div className="panel-toolbar">
        <span className="item-meta">{items.filter((i) => i.status !== 'done').length} open</span>
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          Add follow-up
        </button>
      </div>
      {items.length === 0 && <p className="panel-empty">No follow-ups yet.</p>}
      <ul className="list">
        {items.map((item) => (
          <li key={item.id} className="item" aria-label={`Follow-up: ${item.title}`}>
            <span className="chip">{item.priority}</span>
            <div className="item-main">
              <div className="item-title">{item.title}</div>
              <div className="item-meta">
                {people.find((p) => p.id === item.ownerId)?.name ?? <span className="warn-text">No owner</span>}
                {item.dueAt !== null && ` · due ${formatDateTime(item.dueAt)}`}
              </div>
            </div>
            <label className="visually-hidden" htmlFor={`fu-status-${item.id}`}>
              Status of follow-up {item.title}
            </label>
            <select
              id={`fu-status-${item.id}`}
              className="mini-select"
              value={item.status}
              onChange={(e) =>
                run((commands) => commands.setFollowUpStatus({ followUpId: item.id, status: e.target.value as FollowUpStatus }), {
                  toastRefusal: true,
                })
              }
            >
              {FOLLOW_UP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <AddFollowUpDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

function AddFollowUpDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState<FollowUpPriority>('P2');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add follow-up"
      description="An action item for after the incident, with an owner and a due date."
      submitLabel="Add follow-up"
      onSubmit={() =>
        submitted(run((commands) => commands.addFollowUp({ title, ownerId: ownerId || null, dueAt: fromLocalInputValue(due), priority })))
      }
      onClosed={() => {
        setTitle('');
        setOwnerId('');
        setDue('');
      }}
    >
      <div className="field">
        <label htmlFor="followup-title">Action item</label>
        <input id="followup-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="followup-owner">Owner</label>
          <PersonSelect id="followup-owner" value={ownerId} onChange={setOwnerId} />
        </div>
        <div className="field">
          <label htmlFor="followup-priority">Priority</label>
          <select
            id="followup-priority"
            className="select"
            value={priority}
            onChange={(e) => setPriority(e.target.value as FollowUpPriority)}
          >
            {FOLLOW_UP_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="followup-due">Due</label>
          <input id="followup-due" type="datetime-local" className="input" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
      </div>
    </FormDialog>
  );
}
