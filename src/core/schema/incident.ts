// The incident's own fields (the `incident` map) and the document's `meta` map.
import { PHASES, SEVERITIES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import type * as Y from 'yjs';
import { addedLater, defineMap, defineRecord, f, type FieldSource, type ValuesOf } from './fields';

export const incidentSchema = defineMap(
  {
    id: f.id(),
    title: f.text('Untitled incident'),
    severity: f.choice(SEVERITIES, 'SEV1'),
    phase: f.choice(PHASES, 'investigating'),
    summary: f.text(),
    impact: f.text(),
    services: f.textList(),
    startedAt: f.time(),
    declaredAt: f.time(),
    declaredBy: f.text(),
    /** What must be true to stand the incident down; read out at every command handoff. */
    exitCriteria: addedLater(f.text(), ''),
  },
  FORMAT_NAME,
);

export type IncidentInfo = ValuesOf<typeof incidentSchema.fields>;

export const metaSchema = defineMap(
  {
    schemaVersion: f.number(0),
    /**
     * Set when the incident was imported from a file: a record of the past, whose clocks,
     * check-backs, update cadence and escalations never fire. Not part of the export.
     */
    importedAt: f.optionalTime(),
  },
  FORMAT_NAME,
);

/**
 * A severity change, kept in the incident map under its own key (`severityChange/<id>`) as one
 * immutable plain value, so two peers writing at once never overwrite each other. `basedOn`
 * names the changes its peer had seen as latest (see conflicts.ts). A record without a valid
 * severity is skipped when read.
 */
export const severityChangeSchema = defineRecord(
  {
    severity: f.choiceOrNull(SEVERITIES),
    basedOn: f.textList(),
    at: f.time(),
    by: f.text(),
    byName: f.name('someone'),
    /** The timeline entry that recorded the change, when known. */
    entryId: f.optionalId(),
  },
  FORMAT_NAME,
);

export const SEVERITY_CHANGE_KEY_PREFIX = 'severityChange/';

export function severityChangeKey(id: string): string {
  return `${SEVERITY_CHANGE_KEY_PREFIX}${id}`;
}

export type SeverityChangeValues = ValuesOf<typeof severityChangeSchema.fields>;

/** Writes a severity change record into the incident map. */
export function putSeverityChange(incident: Y.Map<unknown>, id: string, values: SeverityChangeValues): void {
  incident.set(severityChangeKey(id), severityChangeSchema.plain(values));
}

/** Every severity change record in the incident map, read defensively, in no particular order. */
export function readSeverityChangeRecords(incident: Y.Map<unknown>): Array<ReturnType<typeof severityChangeSchema.read>> {
  const changes: Array<ReturnType<typeof severityChangeSchema.read>> = [];
  incident.forEach((value, key) => {
    if (!key.startsWith(SEVERITY_CHANGE_KEY_PREFIX)) return;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const fields = value as Record<string, unknown>;
    const source: FieldSource = { get: (field) => fields[field] };
    changes.push(severityChangeSchema.read(key.slice(SEVERITY_CHANGE_KEY_PREFIX.length), source));
  });
  return changes;
}

// Assumed command and severity proposals sit in the incident map beside severity changes.
export * from './authority';
