// A task row's check-back: the countdown (flagged once overdue) and a select to set or clear it.
import { useState } from 'react';
import { checkBackState } from '@core/checkBacks';
import { CHECK_BACK_CHOICES_MINUTES } from '@core/commands';
import type { Task } from '@core/model';
import { useCommand, useNow } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { CheckBackFields } from './CheckBackFields';
import { formatTimer } from '@core/time/durations';
import { choiceMinutes, type CheckBackChoice } from './checkBackTime';
import { useIncidentTimersRun } from './useCheckBacks';
import { useT } from '../../i18n';
import './checkBacks.css';

/** A task's check-back countdown; only a task with a check-back running is on the one-second clock. */
export function CheckBackChip({ task }: { task: Task }) {
  if (task.checkBackAt === null || task.status === 'done') return null;
  return <CheckBackClock task={task} />;
}

function CheckBackClock({ task }: { task: Task }) {
  const t = useT('work');
  const now = useNow(1000);
  const state = checkBackState(task, now);
  // A resolved or imported incident's check-backs no longer count down or fall overdue.
  const running = useIncidentTimersRun();
  if (state.kind === 'none' || !running) return null;
  if (state.kind === 'overdue') {
    return <span className="checkback-chip overdue">{t('checkBack.overdue', { time: formatTimer(state.lateMs) })}</span>;
  }
  return (
    <span className="checkback-chip" title={t('checkBack.inTitle')}>
      {t('checkBack.in', { time: formatTimer(state.msLeft) })}
    </span>
  );
}

export function CheckBackSelect({ task }: { task: Task }) {
  const t = useT('work');
  const run = useCommand();
  const [customOpen, setCustomOpen] = useState(false);
  if (task.status === 'done') return null;
  const id = `checkback-${task.id}`;
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {t('checkBack.selectLabel', { title: task.title })}
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
          {t('checkBack.choose')}
        </option>
        {CHECK_BACK_CHOICES_MINUTES.map((m) => (
          <option key={m} value={String(m)}>
            {t('checkBack.inMinutes', { minutes: m })}
          </option>
        ))}
        <option value="custom">{t('checkBack.custom')}</option>
        {task.checkBackAt !== null && <option value="clear">{t('checkBack.clear')}</option>}
      </select>
      <CustomCheckBackDialog task={task} open={customOpen} onOpenChange={setCustomOpen} />
    </>
  );
}

function CustomCheckBackDialog({ task, open, onOpenChange }: { task: Task; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('work');
  const run = useCommand();
  const [choice, setChoice] = useState<CheckBackChoice>('custom');
  const [custom, setCustom] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('checkBack.dialogTitle')}
      description={t('checkBack.dialogDescription', { title: task.title })}
      submitLabel={t('checkBack.dialogSubmit')}
      onSubmit={() => {
        const minutes = choiceMinutes(choice, custom);
        if (minutes === null) return t('checkBack.chooseWhen');
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
