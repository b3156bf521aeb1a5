// Tasks grouped by status, each owned by one named person.
import { useState } from 'react';
import { TASK_STATUSES, type Task, type TaskStatus } from '@core/model';
import { tasksByStatus } from '@core/selectors';
import { useCollection, useCommand, useNow } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { fromLocalInputValue } from '@core/time/instants';
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
import { useT } from '../../i18n';
import { LongList, type LongListRowProps } from './LongList';
import { TaskDue, useTimePassed } from './TaskClocks';

/** A compact task row's first guess of its height; rows are measured once shown. */
const TASK_ROW_HEIGHT = 30;
// Blocked first: it is what the IC must unblock; then the work under way, then what waits.
const OPEN_STATUSES: readonly TaskStatus[] = ['blocked', 'doing', 'todo'];

export function TasksPanel() {
  const tasks = useCollection('tasks');
  const [open, setOpen] = useState(false);
  useAction('task.new', () => setOpen(true));
  const groups = tasksByStatus(tasks);
  const openCount = tasks.length - groups.done.length;
  const focus = usePanelFocus('tasks');
  const t = useT('work');
  const tc = useT('common');
  const taskRows = (list: readonly Task[], label?: string) => (
    <LongList
      className="list rows"
      aria-label={label}
      items={list}
      getKey={(task) => task.id}
      estimateSize={TASK_ROW_HEIGHT}
      renderItem={(task, row) => <TaskRow task={task} row={row} />}
    />
  );
  return (
    <section className={`panel panel-tasks${focus.className}`} aria-labelledby="tasks-heading" hidden={focus.hidden}>
      <div className="panel-head">
        <h2 id="tasks-heading">{t('tasks.title')}</h2>
        <span className="count">{t('openCount', { count: openCount })}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {t('tasks.new')}
        </button>
        <FocusButton panel="tasks" name={t('tasks.title')} />
      </div>
      <div className="panel-body">
        <CheckBackWatch />
        {tasks.length === 0 && <p className="panel-empty">{t('tasks.empty')}</p>}
        {OPEN_STATUSES.map((status) =>
          groups[status].length === 0 ? null : (
            <div key={status} role="group" aria-label={t(`tasks.group.${status}`)}>
              <div className="group-label">
                {tc(`taskStatus.${status}`)} <span>{groups[status].length}</span>
              </div>
              {taskRows(groups[status])}
            </div>
          ),
        )}
        {/* Done work folds away: the open tasks are what the room must see. */}
        <Fold label={t('tasks.doneFold')} count={groups.done.length}>
          {() => taskRows(groups.done, t('tasks.group.done'))}
        </Fold>
      </div>
      <NewTaskDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

/**
 * The overdue check-backs to act on, with their desktop notifications: the only part of the panel
 * on the one-second clock (the rows' timers are their own components).
 */
function CheckBackWatch() {
  const now = useNow(1000);
  const { due, isCommander } = useMyCheckBacks(now);
  useCheckBackNotifications(due);
  return <CheckBackAlerts due={due} isCommander={isCommander} />;
}

/** One line per task: title · assignee · due · check-back timer; its controls show on hover or focus. */
function TaskRow({ task, row }: { task: Task; row: LongListRowProps }) {
  const t = useT('work');
  const tc = useT('common');
  const people = useCollection('people');
  const hypotheses = useCollection('hypotheses');
  const run = useCommand();
  const assignee = people.find((p) => p.id === task.assigneeId);
  const hypothesis = hypotheses.find((h) => h.id === task.hypothesisId);
  const checkBackOverdue = useTimePassed(task.status === 'done' ? null : task.checkBackAt);
  const editing = useEditingFocus({ collection: 'tasks', id: task.id });
  return (
    <li
      className={`item row task-row${checkBackOverdue ? ' checkback-overdue' : ''}${task.status === 'done' ? ' row-done' : ''}`}
      aria-label={task.title}
      {...editing}
      {...row}
    >
      <span
        className="row-title"
        title={hypothesis ? t('tasks.titleTests', { title: task.title, statement: hypothesis.statement }) : task.title}
      >
        {task.title}
        <EditingBadge subject={{ collection: 'tasks', id: task.id }} />
      </span>
      <span className="row-meta">
        {!assignee ? (
          <span className="warn-text">{t('tasks.unassigned')}</span>
        ) : assignee.status === 'left' && task.status !== 'done' ? (
          // Someone who left holds no work: the IC sees at a glance which tasks need a new owner.
          <span className="warn-text row-who" title={t('tasks.leftTitle', { name: assignee.name })}>
            {t('tasks.left', { name: assignee.name })}
          </span>
        ) : (
          <span className="row-who">{assignee.name}</span>
        )}
        {hypothesis && (
          <span className="chip" title={t('tasks.testsTitle', { statement: hypothesis.statement })}>
            {t('tasks.tests')}
          </span>
        )}
        <TaskDue task={task} />
        <CheckBackChip task={task} />
      </span>
      <div className="row-actions">
        <label className="visually-hidden" htmlFor={`assignee-${task.id}`}>
          {t('tasks.assigneeOf', { title: task.title })}
        </label>
        <select
          id={`assignee-${task.id}`}
          className="mini-select"
          value={task.assigneeId ?? ''}
          onChange={(e) => run((commands) => commands.assignTask({ taskId: task.id, assigneeId: e.target.value }), { toastRefusal: true })}
        >
          <option value="" disabled>
            {t('tasks.assign')}
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
          {t('tasks.statusOf', { title: task.title })}
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
              {tc(`taskStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}

function NewTaskDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('work');
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
      title={t('tasks.dialog.title')}
      description={t('tasks.dialog.description')}
      submitLabel={t('tasks.dialog.submit')}
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
        <label htmlFor="task-title">{t('tasks.dialog.task')}</label>
        <input id="task-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="task-assignee">{t('tasks.dialog.assignee')}</label>
          <PersonSelect id="task-assignee" value={assigneeId} onChange={setAssigneeId} />
        </div>
        <div className="field">
          <label htmlFor="task-due">{t('tasks.dialog.due')}</label>
          <input id="task-due" type="datetime-local" className="input" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
      </div>
      <CheckBackFields idPrefix="task" choice={checkBack} custom={customMinutes} onChoice={setCheckBack} onCustom={setCustomMinutes} />
      <div className="field">
        <label htmlFor="task-hypothesis">{t('tasks.dialog.hypothesis')}</label>
        <select id="task-hypothesis" className="select" value={hypothesisId} onChange={(e) => setHypothesisId(e.target.value)}>
          <option value="">{t('tasks.dialog.noHypothesis')}</option>
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
