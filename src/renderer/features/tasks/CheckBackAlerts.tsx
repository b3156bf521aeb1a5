// Overdue check-backs for the incident commander (all of them) and each assignee (their own).
import type { DueCheckBack } from '@core/checkBacks';
import { useCommand } from '../../state/incidentContext';
import { formatTimer } from '@core/time/durations';
import { useT } from '../../i18n';
import './checkBacks.css';

/** Alerts listed in full; more than this and the rest are counted (each task row shows its own). */
const ALERTS_SHOWN = 8;

export function CheckBackAlerts({ due, isCommander }: { due: readonly DueCheckBack[]; isCommander: boolean }) {
  const run = useCommand();
  const t = useT('work');
  if (due.length === 0) return null;
  return (
    <div className="checkback-alerts" role="alert" aria-label={t('checkBack.alertsLabel')}>
      <div className="checkback-alerts-title">
        {t('checkBack.alertsTitle', { count: due.length })}
        <span className="faint">
          {' · '}
          {t(isCommander ? 'checkBack.forCommander' : 'checkBack.onYourTasks')}
        </span>
      </div>
      <ul className="list">
        {due.slice(0, ALERTS_SHOWN).map((item) => (
          <li key={item.task.id} className="checkback-alert" aria-label={t('checkBack.alertLabel', { title: item.task.title })}>
            <div className="item-main">
              <div className="item-title">{item.task.title}</div>
              <div className="item-meta">
                {item.assignee ? item.assignee.name : <span className="warn-text">{t('tasks.unassigned')}</span>}
                {' · '}
                {t('checkBack.lateBy', { duration: formatTimer(item.lateMs) })}
              </div>
            </div>
            <div className="item-actions">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => run((commands) => commands.checkInOnTask({ taskId: item.task.id }), { toastRefusal: true })}
              >
                {t('checkBack.checkedIn')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('checkBack.extendLabel', { title: item.task.title })}
                onClick={() => run((commands) => commands.extendCheckBack({ taskId: item.task.id, minutes: 5 }), { toastRefusal: true })}
              >
                {t('checkBack.extend')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {due.length > ALERTS_SHOWN && <p className="item-meta">{t('checkBack.moreOverdue', { count: due.length - ALERTS_SHOWN })}</p>}
    </div>
  );
}
