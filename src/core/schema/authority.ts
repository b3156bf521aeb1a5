// The IC's authority: command assumed without a handover (with a reason, and the replaced
// commander's answer to it), and severity proposed by someone who is not the commander (with
// the commander's decision). Each is a small immutable plain value kept in the incident map
// under its own key, as severity changes are: two peers writing at once never overwrite each
// other, and an answer or a decision is its own key, named by what it answers.
import type * as Y from 'yjs';
import { SEVERITIES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { defineRecord, f, type FieldSource, type RecordSchema, type ValuesOf } from './fields';

/** Someone took command without a handover; the replaced commander sees it and may contest. */
export const commandAssumptionSchema = defineRecord(
  {
    personId: f.text(),
    personName: f.name('someone'),
    /** Who held command then; null when nobody did. */
    fromPersonId: f.optionalId(),
    fromName: f.displayName(),
    reason: f.text(),
    at: f.time(),
    /** The incident commander tenure it opened: the assumption stands while that tenure is open. */
    tenureId: f.text(),
  },
  FORMAT_NAME,
);

export const COMMAND_RESPONSES = ['contested', 'accepted'] as const;
export type CommandResponseKind = (typeof COMMAND_RESPONSES)[number];

/** The replaced commander's answer to an assumption of command, keyed by the assumption's id. */
export const commandResponseSchema = defineRecord(
  {
    response: f.choiceOrNull(COMMAND_RESPONSES),
    by: f.text(),
    byName: f.name('someone'),
    at: f.time(),
    reason: f.text(),
  },
  FORMAT_NAME,
);

/** A severity change asked for by someone who is not the commander, waiting for their decision. */
export const severityProposalSchema = defineRecord(
  {
    severity: f.choiceOrNull(SEVERITIES),
    /** The severity when it was proposed. */
    from: f.choiceOrNull(SEVERITIES),
    reason: f.text(),
    at: f.time(),
    by: f.text(),
    byName: f.name('someone'),
  },
  FORMAT_NAME,
);

export const SEVERITY_DECISIONS = ['confirmed', 'declined'] as const;
export type SeverityDecisionKind = (typeof SEVERITY_DECISIONS)[number];

/** The commander's decision on a severity proposal, keyed by the proposal's id. */
export const severityDecisionSchema = defineRecord(
  {
    decision: f.choiceOrNull(SEVERITY_DECISIONS),
    by: f.text(),
    byName: f.name('someone'),
    at: f.time(),
  },
  FORMAT_NAME,
);

/** Key prefixes in the incident map, one per kind of authority record. */
export const AUTHORITY_KEYS = {
  assumption: 'commandAssumption/',
  response: 'commandResponse/',
  proposal: 'severityProposal/',
  decision: 'severityDecision/',
} as const;

type AuthorityKind = keyof typeof AUTHORITY_KEYS;

const SCHEMAS = {
  assumption: commandAssumptionSchema,
  response: commandResponseSchema,
  proposal: severityProposalSchema,
  decision: severityDecisionSchema,
} as const;

type SchemaOf<K extends AuthorityKind> = (typeof SCHEMAS)[K];
type ReadOf<K extends AuthorityKind> = ReturnType<SchemaOf<K>['read']>;

export type CommandAssumptionRecord = ReadOf<'assumption'>;
export type CommandResponseRecord = ReadOf<'response'>;
export type SeverityProposalRecord = ReadOf<'proposal'>;
export type SeverityDecisionRecord = ReadOf<'decision'>;

/** Writes one authority record into the incident map; `id` is the record's, or what it answers. */
export function putAuthorityRecord<K extends AuthorityKind>(
  incident: Y.Map<unknown>,
  kind: K,
  id: string,
  values: ValuesOf<SchemaOf<K>['fields']>,
): void {
  const schema = SCHEMAS[kind] as unknown as RecordSchema<SchemaOf<K>['fields']>;
  incident.set(`${AUTHORITY_KEYS[kind]}${id}`, schema.plain(values));
}

/** Every record of one kind in the incident map, read defensively; a non-object value is skipped. */
export function readAuthorityRecords<K extends AuthorityKind>(incident: Y.Map<unknown>, kind: K): ReadOf<K>[] {
  const prefix = AUTHORITY_KEYS[kind];
  const schema = SCHEMAS[kind] as unknown as { read(id: string, source: FieldSource): ReadOf<K> };
  const out: ReadOf<K>[] = [];
  incident.forEach((value, key) => {
    if (!key.startsWith(prefix) || typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const fields = value as Record<string, unknown>;
    out.push(schema.read(key.slice(prefix.length), { get: (field) => fields[field] }));
  });
  return out;
}

/**
 * The authority records as the JSON export carries them (format version 6 on): each kind as it
 * is stored, oldest first (ties by id), so an import writes back exactly what was exported and a
 * review can read who assumed command, who contested, who proposed a severity and who decided.
 */
export interface AuthorityRecords {
  readonly commandAssumptions: readonly CommandAssumptionRecord[];
  readonly commandResponses: readonly CommandResponseRecord[];
  readonly severityProposals: readonly SeverityProposalRecord[];
  readonly severityDecisions: readonly SeverityDecisionRecord[];
}

/** Which stored kind each list of AuthorityRecords holds. */
export const AUTHORITY_LISTS = {
  commandAssumptions: 'assumption',
  commandResponses: 'response',
  severityProposals: 'proposal',
  severityDecisions: 'decision',
} as const satisfies Record<keyof AuthorityRecords, AuthorityKind>;

export const EMPTY_AUTHORITY: AuthorityRecords = Object.freeze({
  commandAssumptions: Object.freeze([]),
  commandResponses: Object.freeze([]),
  severityProposals: Object.freeze([]),
  severityDecisions: Object.freeze([]),
});

const byTimeThenId = (a: { id: string; at: number }, b: { id: string; at: number }): number =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Puts each list in the export's order: oldest first, ties by id. */
export function sortedAuthority(records: AuthorityRecords): AuthorityRecords {
  return Object.freeze({
    commandAssumptions: Object.freeze([...records.commandAssumptions].sort(byTimeThenId)),
    commandResponses: Object.freeze([...records.commandResponses].sort(byTimeThenId)),
    severityProposals: Object.freeze([...records.severityProposals].sort(byTimeThenId)),
    severityDecisions: Object.freeze([...records.severityDecisions].sort(byTimeThenId)),
  });
}

/** Every authority record in the incident map, in the export's order. */
export function readAuthority(incident: Y.Map<unknown>): AuthorityRecords {
  return sortedAuthority({
    commandAssumptions: readAuthorityRecords(incident, 'assumption'),
    commandResponses: readAuthorityRecords(incident, 'response'),
    severityProposals: readAuthorityRecords(incident, 'proposal'),
    severityDecisions: readAuthorityRecords(incident, 'decision'),
  });
}

/** True when no list holds a record (a snapshot then leaves `authority` out). */
export function isEmptyAuthority(records: AuthorityRecords): boolean {
  return Object.keys(AUTHORITY_LISTS).every((list) => records[list as keyof AuthorityRecords].length === 0);
}

/** Writes checked authority records (an import's) into the incident map, each under its own key. */
export function writeAuthority(incident: Y.Map<unknown>, records: AuthorityRecords): void {
  for (const [list, kind] of Object.entries(AUTHORITY_LISTS) as Array<[keyof AuthorityRecords, AuthorityKind]>) {
    for (const { id, ...values } of records[list]) {
      putAuthorityRecord(incident, kind, id, values as never);
    }
  }
}
