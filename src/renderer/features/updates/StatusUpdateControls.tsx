// What the war room header shows for status updates: the cadence chip (opening the composer),
// the room policy button, escalation prompts, and one desktop notification per overdue period.
import { useEffect, useRef, useState } from 'react';
import type { EscalationPrompt } from '@core/cadence';
import { useServices } from '../../app/services';
import { useCommand } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { formatClockTimeInZone } from '@core/time/instants';
import { RoomPolicyDialog } from './RoomPolicyDialog';
import { UpdateComposer } from './UpdateComposer';
import { describeMinutes, formatTimer } from '@core/time/durations';
import { useUpdatesState } from './useUpdateClock';
import { escalationWords } from './escalationWords';
import './updates.css';
import { useAction } from '../commands/registry';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';

export function StatusUpdateControls() {
  const t = useT('updates');
  const display = useTimeDisplay();
  const state = useUpdatesState();
  const [composing, setComposing] = useState(false);
  useAction('update.compose', () => setComposing(true), state ? null : t('controls.notLoaded'));
  useDesktopNotifications(state);
  if (!state) return null;
  const { clock, escalations } = state;
  const label =
    clock.msLeft === null
      ? t('controls.noneDue')
      : clock.overdue
        ? t('controls.overdue', { time: formatTimer(clock.msLeft) })
        : t('controls.dueIn', { time: formatTimer(clock.msLeft) });
  return (
    <>
      <button
        type="button"
        className={`update-clock${clock.overdue ? ' overdue' : ''}`}
        aria-label={t('controls.open', { status: label })}
        title={clock.dueAt === null ? t('controls.over') : t('controls.dueAt', { time: formatClockTimeInZone(clock.dueAt, display) })}
        onClick={() => setComposing(true)}
      >
        <span className="mono">{label}</span>
      </button>
      {clock.overdue ? (
        <span role="alert" className="visually-hidden">
          {t('controls.overdueAlert')}
        </span>
      ) : null}
      {escalations.length > 0 ? <EscalationAlerts prompts={escalations} /> : null}
      {composing ? <UpdateComposer open onOpenChange={setComposing} /> : null}
    </>
  );
}

/** The room policy (update cadence, escalation matrix, fatigue hours), from the war room's tool bar. */
export function RoomPolicyButton() {
  const t = useT('updates');
  const [editingPolicy, setEditingPolicy] = useState(false);
  useAction('room.policy', () => setEditingPolicy(true));
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setEditingPolicy(true)}>
        {t('controls.policy')}
      </button>
      {editingPolicy ? <RoomPolicyDialog open onOpenChange={setEditingPolicy} /> : null}
    </>
  );
}

function EscalationAlerts({ prompts }: { prompts: readonly EscalationPrompt[] }) {
  const t = useT('updates');
  const display = useTimeDisplay();
  const run = useCommand();
  return (
    <section className="escalation-alerts" aria-label={t('controls.escalations')}>
      <ul className="list">
        {prompts.map(({ rule, dueAt }) => {
          const notify = escalationWords(rule, t);
          return (
            <li key={rule.id} className="escalation-alert" role="alert">
              <div className="item-main">
                <div className="item-title">{t('controls.escalate', { who: notify.who })}</div>
                <div className="item-meta">
                  {notify.text ||
                    t('controls.escalationDefault', { severity: rule.severity, duration: describeMinutes(rule.afterMinutes) })}{' '}
                  {t('controls.dueSince', { time: formatClockTimeInZone(dueAt, display) })}
                </div>
              </div>
              <button
                type="button"
                className="btn btn-small btn-primary"
                aria-label={t('controls.acknowledgeLabel', { who: notify.who })}
                onClick={() => run((commands) => commands.acknowledgeEscalation({ ruleId: rule.id }), { toastRefusal: true })}
              >
                {t('controls.acknowledge')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * One desktop notification when an update falls overdue (per due time, so a new overdue
 * period notifies again) and one per escalation as it comes due. A refusal (permission
 * denied, unsupported) is said once in a toast; the in-room alert still shows.
 */
function useDesktopNotifications(state: ReturnType<typeof useUpdatesState>) {
  const t = useT('updates');
  const { platform } = useServices();
  const showToast = useUiStore((s) => s.showToast);
  const notified = useRef(new Set<string>());
  const refusalShown = useRef(false);
  useEffect(() => {
    if (!state) return;
    const title = state.incident.title;
    const overdueFor = state.clock.overdue ? state.clock.dueAt : null;
    const pending: Array<[key: string, title: string, body: string]> = [];
    if (overdueFor !== null) {
      pending.push([
        `update:${overdueFor}`,
        t('controls.overdueTitle'),
        t('controls.overdueBody', { title, time: formatClockTimeInZone(overdueFor) }),
      ]);
    }
    for (const { rule } of state.escalations) {
      const notify = escalationWords(rule, t);
      pending.push([
        `escalation:${rule.id}`,
        t('controls.escalate', { who: notify.who }),
        t('controls.escalationBody', {
          title,
          text: notify.text || t('controls.escalationDefault', { severity: rule.severity, duration: describeMinutes(rule.afterMinutes) }),
        }),
      ]);
    }
    for (const [key, heading, body] of pending) {
      if (notified.current.has(key)) continue;
      notified.current.add(key);
      platform.notify(heading, body).catch((error: unknown) => {
        console.warn('Sitrep: desktop notification failed', error);
        if (refusalShown.current) return;
        refusalShown.current = true;
        showToast(t('controls.notificationsOff', { reason: error instanceof Error ? error.message : String(error) }), 'info');
      });
    }
    // The state changes every second; the keys above make each notice show once however often this runs.
  }, [state, platform, showToast, t]);
}
