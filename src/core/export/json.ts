// JSON export: the whole incident as a versioned, diffable document (see docs/export-format.md).
import type { IncidentSnapshot } from '../model';
import { canonicalSnapshot, validNow, type ExportOptions } from './context';
import { EMPTY_AUTHORITY, sortedAuthority } from '../schema';
import { authorityCodec, COLLECTION_CODECS, EXPORT_FORMAT, EXPORT_FORMAT_VERSION, incidentCodec, reviewCodec } from './format';

/**
 * Times stay UTC epoch milliseconds, so `options.timeZone` does not apply here; `now` becomes
 * `exportedAt`. Output: 2-space indentation, fixed key order, records in canonical order, and
 * a final newline, so two exports of the same incident differ only where the incident does.
 */
export function exportJson(snapshot: IncidentSnapshot, options: ExportOptions): string {
  const exportedAt = validNow(options.now);
  const canonical = canonicalSnapshot(snapshot);
  const c = COLLECTION_CODECS;
  const document = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt,
    schemaVersion: canonical.schemaVersion,
    incident: incidentCodec.write(canonical.incident),
    people: c.people.write(canonical.people),
    roles: c.roles.write(canonical.roles),
    tasks: c.tasks.write(canonical.tasks),
    hypotheses: c.hypotheses.write(canonical.hypotheses),
    milestones: c.milestones.write(canonical.milestones),
    changes: c.changes.write(canonical.changes),
    followUps: c.followUps.write(canonical.followUps),
    timeline: c.timeline.write(canonical.timeline),
    review: reviewCodec.write(canonical.review),
    authority: authorityCodec.write(sortedAuthority(snapshot.authority ?? EMPTY_AUTHORITY)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
