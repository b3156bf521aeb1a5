// Tasks grouped by status, each owned by one named person.
import { useState } from 'react';
import { TASK_STATUSES, type Task, type TaskStatus } from '@core/model';
import { tasksByStatus } from '@core/selectors';
import { useCollection, useCommand, useNow } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { formatClockTime, fromLocalInputValue } from '@core/time/instants';
import { PersonSelect } from '../people/PersonSelect';
import { CheckBackAlerts } from './CheckBackAlerts';
import { CheckBackChip, CheckBackSelect } from './CheckBackControls';
import { CheckBackFields } from './CheckBackFields';
import { choiceMinutes, type CheckBackChoice } from './checkBackTime';
import { useCheckBackNotifications, useMyCheckBacks } from './useCheckBacks';
import { EditingBadge } from '../room/EditingBadge';
import { useEditingFocus } from '../room/useNetwork';
import { Fold } from '../warroom/Fold';
import { FocusButton, usePanelFocus } from '../warroom/panelFocus';
import { useAction } from '../commands/registry';

const STATUS_LABELS: Record<TaskStatus, string> = { todo: 'To do', doing: 'Doing', blocked: 'Blocked', done: 'Done' };
// Blocked first: it is what the IC must unblock; then the work under way, then what waits.
const OPEN_STATUSES: readonly TaskStatus[] = ['blocked', 'doing', 'todo'];

export function TasksPanel() {
  const tasks = useCollection('tasks');
  const [open, setOpen] = useState(false);
  useAction('task.new', () => setOpen(true));
  const groups = tasksByStatus(tasks);
  const openCount = tasks.length - groups.done.length;
  // One clock for every row's check-back countdown.
  const now = useNow(1000);
  const { due, isCommander } = useMyCheckBacks(now);
  useCheckBackNotifications(due);
  const focus = usePanelFocus('tasks');
  return (
    <section className={`panel panel-tasks${focus.className}`} aria-labelledby="tasks-heading" hidden={focus.hidden}>
      <div className="panel-head">
        <h2 id="tasks-heading">Tasks</h2>
        <span className="count">{openCount} open</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          New task
        </button>
        <FocusButton panel="tasks" name="Tasks" />
      </div>
      <div className="panel-body">
        <CheckBackAlerts due={due} isCommander={isCommander} />
        {tasks.length === 0 && <p className="panel-empty">No tasks yet. Assign each one to a named person.</p>}
        {OPEN_STATUSES.map((status) =>
          groups[status].length === 0 ? null : (
            <div key={status} role="group" aria-label={`${STATUS_LABELS[status]} tasks`}>
              <div className="group-label">
                {STATUS_LABELS[status]} <span>{groups[status].length}</span>
              </div>
              <ul className="list rows">
                {groups[status].map((task) => (
                  <TaskRow key={task.id} task={task} now={now} />
                ))}
              </ul>
            </div>
          ),
        )}
        {/* Done work folds away: the open tasks are what the room must see. */}
        <Fold label="Done tasks" count={groups.done.length}>
          {() => (
            <ul className="list rows" aria-label="Done tasks">
              {groups.done.map((task) => (
                <TaskRow key={task.id} task={task} now={now} />
              ))}
            </ul>
          )}
        </Fold>
      </div>
      <NewTaskDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

/** One line per task: title · assignee · due · check-back timer; its controls show on hover or focus. */
function TaskRow({ task, now }: { task: Task; now: number }) {
  const people = useCollection('people');
  const hypotheses = useCollection('hypotheses');
  const run = useCommand();
  const assignee = people.find((p) => p.id === task.assigneeId);
  const hypothesis = hypotheses.find((h) => h.id === task.hypothesisId);
  const overdue = task.dueAt !== null && task.status !== 'done' && task.dueAt < now;
  const checkBackOverdue = task.status !== 'done' && task.checkBackAt !== null && task.checkBackAt <= now;
  const editing = useEditingFocus({ collection: 'tasks', id: task.id });
  return (
    <li
      className={`item row task-row${checkBackOverdue ? ' checkback-overdue' : ''}${task.status === 'done' ? ' row-done' : ''}`}
      aria-label={task.title}
      {...editing}
    >
      <span className="row-title" title={hypothesis ? `${task.title} (tests “${hypothesis.statement}”)` : task.title}>
        {task.title}
        <EditingBadge subject={{ collection: 'tasks', id: task.id }} />
      </span>
      <span className="row-meta">
        {!assignee ? (
          <span className="warn-text">Unassigned</span>
        ) : assignee.status === 'left' && task.status !== 'done' ? (
          // Someone who left holds no work: the IC sees at a glance which tasks need a new owner.
          <span className="warn-text row-who" title={`${assignee.name} has left the incident: this task needs a new owner`}>
            {assignee.name} (left)
          </span>
        ) : (
          <span className="row-who">{assignee.name}</span>
        )}
        {hypothesis && (
          <span className="chip" title={`Tests “${hypothesis.statement}”`}>
            tests
          </span>
        )}
        {task.dueAt !== null && (
          <span className={overdue ? 'danger-text' : undefined}>
            due <span className="mono">{formatClockTime(task.dueAt)}</span>
            {overdue ? ' (overdue)' : ''}
          </span>
        )}
        <CheckBackChip task={task} now={now} />
      </span>
      <div className="row-actions">
        <label className="visually-hidden" htmlFor={`assignee-${task.id}`}>
          Assignee of {task.title}
        </label>
        <select
          id={`assignee-${task.id}`}
          className="mini-select"
          value={task.assigneeId ?? ''}
          onChange={(e) => run((commands) => commands.assignTask({ taskId: task.id, assigneeId: e.target.value }), { toastRefusal: true })}
        >
          <option value="" disabled>
            Assign…
          </option>
          {people
            .filter((p) => p.status !== 'left' || p.id === task.assigneeId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
        <CheckBackSelect task={task} />
        <label className="visually-hidden" htmlFor={`task-status-${task.id}`}>
          Status of {task.title}
        </label>
        <select
          id={`task-status-${task.id}`}
          className="mini-select"
          value={task.status}
          onChange={(e) =>
            run((commands) => commands.setTaskStatus({ taskId: task.id, status: e.target.value as TaskStatus }), { toastRefusal: true })
          }
        >
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}

function NewTaskDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const hypotheses = useCollection('hypotheses');
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [due, setDue] = useState('');
  const [hypothesisId, setHypothesisId] = useState('');
  const [checkBack, setCheckBack] = useState<CheckBackChoice>('');
  const [customMinutes, setCustomMinutes] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="New task"
      description="Assign it to a named person: “can someone look at…” gets nobody."
      submitLabel="Create task"
      onSubmit={() =>
        submitted(
          run((commands) =>
            commands.createTask({
              title,
              assigneeId: assigneeId || null,
              dueAt: fromLocalInputValue(due),
              hypothesisId: hypothesisId || null,
              checkBackMinutes: choiceMinutes(checkBack, customMinutes),
            }),
          ),
        )
      }
      onClosed={() => {
        setTitle('');
        setAssigneeId('');
        setDue('');
        setHypothesisId('');
        setCheckBack('');
        setCustomMinutes('');
      }}
    >
      <div className="field">
        <label htmlFor="task-title">Task</label>
        <input id="task-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="task-assignee">Assignee</label>
          <PersonSelect id="task-assignee" value={assigneeId} onChange={setAssigneeId} />
        </div>
        <div className="field">
          <label htmlFor="task-due">Due (optional)</label>
          <input id="task-due" type="datetime-local" className="input" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
      </div>
      <CheckBackFields idPrefix="task" choice={checkBack} custom={customMinutes} onChoice={setCheckBack} onCustom={setCustomMinutes} />
      <div className="field">
        <label htmlFor="task-hypothesis">Tests hypothesis (optional)</label>
        <select id="task-hypothesis" className="select" value={hypothesisId} onChange={(e) => setHypothesisId(e.target.value)}>
          <option value="">None</option>
          {hypotheses
            .filter((h) => h.status === 'open' || h.status === 'investigating')
            .map((h) => (
              <option key={h.id} value={h.id}>
                {h.statement.slice(0, 80)}
              </option>
            ))}
        </select>
      </div>
    </FormDialog>
  );
}
