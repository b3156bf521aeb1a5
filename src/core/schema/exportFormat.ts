// The name and version of the JSON export format, which the records' strict codecs name in
// their messages. docs/export-format.md describes the format for people.

export const EXPORT_FORMAT = 'sitrep-incident';
/** Bumped whenever a field is added, removed or changes meaning; readers refuse newer versions. */
export const EXPORT_FORMAT_VERSION = 6;

export const FORMAT_NAME = `${EXPORT_FORMAT} version ${EXPORT_FORMAT_VERSION}`;
