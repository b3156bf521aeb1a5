// A task row's check-back: the countdown (flagged once overdue) and a select to set or clear it.
import { useState } from 'react';
import { checkBackState } from '@core/checkBacks';
import { CHECK_BACK_CHOICES_MINUTES } from '@core/commands';
import type { Task } from '@core/model';
import { useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { CheckBackFields } from './CheckBackFields';
import { formatTimer } from '@core/time/durations';
import { choiceMinutes, type CheckBackChoice } from './checkBackTime';
import { useIncidentTimersRun } from './useCheckBacks';
import './checkBacks.css';

export function CheckBackChip({ task, now }: { task: Task; now: number }) {
  const state = checkBackState(task, now);
  // A resolved or imported incident's check-backs no longer count down or fall overdue.
  const running = useIncidentTimersRun();
  if (state.kind === 'none' || !running) return null;
  if (state.kind === 'overdue') {
    return (
      <span className="checkback-chip overdue">
        Check back overdue <span className="mono">{formatTimer(state.lateMs)}</span>
      </span>
    );
  }
  return (
    <span className="checkback-chip" title="Time left until the assignee checks back">
      check back in <span className="mono">{formatTimer(state.msLeft)}</span>
    </span>
  );
}

export function CheckBackSelect({ task }: { task: Task }) {
  const run = useCommand();
  const [customOpen, setCustomOpen] = useState(false);
  if (task.status === 'done') return null;
  const id = `checkback-${task.id}`;
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        Check-back for {task.title}
      </label>
      <select
        id={id}
        className="mini-select checkback-select"
        value=""
        onChange={(e) => {
          const value = e.target.value;
          if (value === 'custom') setCustomOpen(true);
          else if (value === 'clear') run((commands) => commands.setCheckBack({ taskId: task.id, minutes: null }), { toastRefusal: true });
          else if (value) run((commands) => commands.setCheckBack({ taskId: task.id, minutes: Number(value) }), { toastRefusal: true });
        }}
      >
        <option value="" disabled>
          Check back…
        </option>
        {CHECK_BACK_CHOICES_MINUTES.map((m) => (
          <option key={m} value={String(m)}>
            in {m} min
          </option>
        ))}
        <option value="custom">Custom…</option>
        {task.checkBackAt !== null && <option value="clear">Clear check-back</option>}
      </select>
      <CustomCheckBackDialog task={task} open={customOpen} onOpenChange={setCustomOpen} />
    </>
  );
}

function CustomCheckBackDialog({ task, open, onOpenChange }: { task: Task; open: boolean; onOpenChange: (open: boolean) => void }) {
  const run = useCommand();
  const [choice, setChoice] = useState<CheckBackChoice>('custom');
  const [custom, setCustom] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Check back"
      description={`When should the assignee report back on “${task.title}”?`}
      submitLabel="Set check-back"
      onSubmit={() => {
        const minutes = choiceMinutes(choice, custom);
        if (minutes === null) return 'Choose when to check back.';
        return submitted(run((commands) => commands.setCheckBack({ taskId: task.id, minutes })));
      }}
      onClosed={() => {
        setChoice('custom');
        setCustom('');
      }}
    >
      <CheckBackFields idPrefix={`custom-${task.id}`} choice={choice} custom={custom} onChoice={setChoice} onCustom={setCustom} />
    </FormDialog>
  );
}
