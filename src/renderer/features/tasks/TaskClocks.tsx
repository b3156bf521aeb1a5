// The parts of a task row that depend on the time, each its own small component, so the shared
// one-second clock re-renders the countdowns only, never every task row (issue 13: with a
// 10,000-entry incident, a tick that re-rendered the panel's rows delayed the keystrokes it met).
import { useEffect, useReducer } from 'react';
import type { Task } from '@core/model';
import { formatClockTime } from '@core/time/instants';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';

// setTimeout's longest delay; a later time is re-checked after it.
const MAX_DELAY_MS = 2_147_483_647;
// useNow's clock ticks on the second's boundaries: flipping on the same boundary keeps a row's
// overdue flag in step with its countdown.
const TICK_MS = 1000;

/** Whether `at` has passed; re-renders once, when it passes, rather than on every tick. */
export function useTimePassed(at: number | null): boolean {
  const [, recheck] = useReducer((count: number) => count + 1, 0);
  const passed = at !== null && Date.now() >= at;
  useEffect(() => {
    if (at === null || passed) return;
    const boundary = Math.ceil(at / TICK_MS) * TICK_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Waits again when the timer fired early (a clock moved back, a wait longer than setTimeout's).
    const wait = () => {
      const left = boundary - Date.now();
      if (left <= 0) recheck();
      else timer = setTimeout(wait, Math.min(left, MAX_DELAY_MS));
    };
    wait();
    return () => clearTimeout(timer);
  }, [at, passed]);
  return passed;
}

/** "due 14:30", flagged once the time has passed on an unfinished task. */
export function TaskDue({ task }: { task: Task }) {
  const t = useT('work');
  const display = useTimeDisplay();
  const overdue = useTimePassed(task.status === 'done' ? null : task.dueAt);
  if (task.dueAt === null) return null;
  return (
    <span className={overdue ? 'danger-text' : undefined}>
      {t(overdue ? 'tasks.dueOverdue' : 'tasks.due', { time: formatClockTime(task.dueAt, display) })}
    </span>
  );
}
