// Overdue check-backs for the incident commander (all of them) and each assignee (their own).
import type { DueCheckBack } from '@core/checkBacks';
import { useCommand } from '../../state/incidentContext';
import { formatTimer } from '@core/time/durations';
import './checkBacks.css';

export function CheckBackAlerts({ due, isCommander }: { due: readonly DueCheckBack[]; isCommander: boolean }) {
  const run = useCommand();
  if (due.length === 0) return null;
  return (
    <div className="checkback-alerts" role="alert" aria-label="Overdue check-backs">
      <div className="checkback-alerts-title">
        {due.length === 1 ? 'Check-back overdue' : `${due.length} check-backs overdue`}
        <span className="faint">{isCommander ? ' · for the incident commander' : ' · on your tasks'}</span>
      </div>
      <ul className="list">
        {due.map((item) => (
          <li key={item.task.id} className="checkback-alert" aria-label={`Check-back overdue: ${item.task.title}`}>
            <div className="item-main">
              <div className="item-title">{item.task.title}</div>
              <div className="item-meta">
                {item.assignee ? item.assignee.name : <span className="warn-text">Unassigned</span>} · late by{' '}
                <span className="mono">{formatTimer(item.lateMs)}</span>
              </div>
            </div>
            <div className="item-actions">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => run((commands) => commands.checkInOnTask({ taskId: item.task.id }), { toastRefusal: true })}
              >
                Checked in
              </button>
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Give 5 more minutes: ${item.task.title}`}
                onClick={() => run((commands) => commands.extendCheckBack({ taskId: item.task.id, minutes: 5 }), { toastRefusal: true })}
              >
                +5 min
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
