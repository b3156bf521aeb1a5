// What the war room header shows for status updates: the cadence chip (opening the composer),
// the room policy button, escalation prompts, and one desktop notification per overdue period.
import { useEffect, useRef, useState } from 'react';
import type { EscalationPrompt } from '@core/cadence';
import { useServices } from '../../app/services';
import { useCommand } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { formatClockTime } from '@core/time/instants';
import { RoomPolicyDialog } from './RoomPolicyDialog';
import { UpdateComposer } from './UpdateComposer';
import { describeMinutes, formatTimer } from '@core/time/durations';
import { useUpdatesState } from './useUpdateClock';
import './updates.css';
import { useAction } from '../commands/registry';

export function StatusUpdateControls() {
  const state = useUpdatesState();
  const [composing, setComposing] = useState(false);
  useAction('update.compose', () => setComposing(true), state ? null : 'The incident is not loaded yet.');
  useDesktopNotifications(state);
  if (!state) return null;
  const { clock, escalations } = state;
  const label =
    clock.msLeft === null
      ? 'No update due'
      : clock.overdue
        ? `Update overdue by ${formatTimer(clock.msLeft)}`
        : `Next update due in ${formatTimer(clock.msLeft)}`;
  return (
    <>
      <button
        type="button"
        className={`update-clock${clock.overdue ? ' overdue' : ''}`}
        aria-label={`${label}. Compose a status update`}
        title={clock.dueAt === null ? 'The incident is over: no more updates fall due' : `Due at ${formatClockTime(clock.dueAt)}`}
        onClick={() => setComposing(true)}
      >
        <span className="mono">{label}</span>
      </button>
      {clock.overdue ? (
        <span role="alert" className="visually-hidden">
          Status update overdue: post an update.
        </span>
      ) : null}
      {escalations.length > 0 ? <EscalationAlerts prompts={escalations} /> : null}
      {composing ? <UpdateComposer open onOpenChange={setComposing} /> : null}
    </>
  );
}

/** The room policy (update cadence, escalation matrix, fatigue hours), from the war room's tool bar. */
export function RoomPolicyButton() {
  const [editingPolicy, setEditingPolicy] = useState(false);
  useAction('room.policy', () => setEditingPolicy(true));
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setEditingPolicy(true)}>
        Room policy
      </button>
      {editingPolicy ? <RoomPolicyDialog open onOpenChange={setEditingPolicy} /> : null}
    </>
  );
}

function EscalationAlerts({ prompts }: { prompts: readonly EscalationPrompt[] }) {
  const run = useCommand();
  return (
    <section className="escalation-alerts" aria-label="Escalations due">
      <ul className="list">
        {prompts.map(({ rule, dueAt }) => (
          <li key={rule.id} className="escalation-alert" role="alert">
            <div className="item-main">
              <div className="item-title">
                Escalate: notify <strong>{rule.notify.who}</strong>
              </div>
              <div className="item-meta">
                {rule.notify.text || `${rule.severity} open ${describeMinutes(rule.afterMinutes)}.`} Due since {formatClockTime(dueAt)}.
              </div>
            </div>
            <button
              type="button"
              className="btn btn-small btn-primary"
              aria-label={`Acknowledge: ${rule.notify.who} notified`}
              onClick={() => run((commands) => commands.acknowledgeEscalation({ ruleId: rule.id }), { toastRefusal: true })}
            >
              Acknowledge
            </button>
          </li>
        ))}
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
        'Status update overdue',
        `${title}: the next update was due at ${formatClockTime(overdueFor)}.`,
      ]);
    }
    for (const { rule } of state.escalations) {
      pending.push([
        `escalation:${rule.id}`,
        `Escalate: notify ${rule.notify.who}`,
        `${title}: ${rule.notify.text || `${rule.severity} open ${describeMinutes(rule.afterMinutes)}.`}`,
      ]);
    }
    for (const [key, heading, body] of pending) {
      if (notified.current.has(key)) continue;
      notified.current.add(key);
      platform.notify(heading, body).catch((error: unknown) => {
        console.warn('Sitrep: desktop notification failed', error);
        if (refusalShown.current) return;
        refusalShown.current = true;
        showToast(
          `Desktop notifications are off (${error instanceof Error ? error.message : String(error)}); alerts still show in the room.`,
          'info',
        );
      });
    }
    // The state changes every second; the keys above make each notice show once however often this runs.
  }, [state, platform, showToast]);
}
