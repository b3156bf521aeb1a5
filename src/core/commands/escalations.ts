// The incident commander acknowledging an escalation prompt ("SEV1 open 30 minutes: notify
// the engineering director"): stored per rule so it clears on every peer, and recorded.
import type * as Y from 'yjs';
import { readPolicy } from '../policy';
import { readEscalationAcknowledgements } from '../escalations';
import { readCollection } from '../read';
import { escalationAckSchema, escalationAcksMap } from '../schema';
import { incidentCommander } from '../selectors';
import { CommandError, personName, requireDeclared, runCommand, type Actor } from './command';

export function acknowledgeEscalation(doc: Y.Doc, input: { ruleId: string }, by: Actor): void {
  requireDeclared(doc);
  const rule = readPolicy(doc).escalationRules.find((candidate) => candidate.id === input.ruleId);
  if (!rule) throw new CommandError('escalation.ruleGone');
  const already = readEscalationAcknowledgements(doc).find((ack) => ack.ruleId === rule.id);
  if (already) throw new CommandError('escalation.alreadyAcknowledged', { name: already.byName });
  const commander = incidentCommander(readCollection(doc, 'roles'));
  if (commander && commander.personId !== by.id) {
    throw new CommandError('escalation.onlyCommanderAcknowledges', { name: personName(doc, commander.personId) });
  }
  runCommand(doc, by, `Acknowledge escalation to ${rule.notify.who}`, ({ now, record }) => {
    escalationAcksMap(doc).set(rule.id, escalationAckSchema.create({ at: now, byId: by.id, byName: by.name, notifyWho: rule.notify.who }));
    record({
      kind: 'event',
      event: 'escalation.acknowledged',
      params: { notifyWho: rule.notify.who, severity: rule.severity, afterMinutes: rule.afterMinutes, note: rule.notify.text },
    });
  });
}
