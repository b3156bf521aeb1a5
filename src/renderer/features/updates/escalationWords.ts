// The escalation rules every room starts with are stored in English (the policy is data shared by
// every peer); while a rule is still exactly the default one, the reader sees it in their own
// language. A rule someone wrote or edited reads as written.
import { DEFAULT_ESCALATION_RULES, type EscalationRule } from '@core/policy';
import type { TFunction } from 'i18next';

const DEFAULT_KEYS = { 'default-sev1-30m': 'sev1After30', 'default-sev1-60m': 'sev1After60' } as const;

type DefaultId = keyof typeof DEFAULT_KEYS;

/** Whom to notify and what to say, in the reader's language for an untouched default rule. */
export function escalationWords(rule: EscalationRule, t: TFunction<'updates'>): { who: string; text: string } {
  const original = DEFAULT_ESCALATION_RULES.find((candidate) => candidate.id === rule.id);
  if (!original || !(rule.id in DEFAULT_KEYS)) return rule.notify;
  const key = DEFAULT_KEYS[rule.id as DefaultId];
  return {
    who: rule.notify.who === original.notify.who ? t(`defaultRules.${key}.who`) : rule.notify.who,
    text: rule.notify.text === original.notify.text ? t(`defaultRules.${key}.text`) : rule.notify.text,
  };
}
