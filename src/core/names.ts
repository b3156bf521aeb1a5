// Display names never carry bidirectional controls. A right-to-left override (U+202E) in a name
// reorders the text that follows it on the same line: "Eve\u202E live" reads "Eve evil", and an
// override left open in a name reverses the rest of "<name> joined the incident". A name never
// needs one: Arabic or Hebrew letters are laid out right to left by the Unicode bidirectional
// algorithm on their own. So names lose these characters where they enter (the person commands,
// the profile) and again where they are read from the document (schema name fields), which also
// covers names written by a peer or carried by an imported file. Text other than names (entries,
// summaries) keeps them: marks are legitimate in right-to-left prose, and each text is shown in
// an element of its own.

/**
 * The explicit bidirectional formatting characters: ALM, LRM, RLM, the embeddings and overrides
 * LRE RLE PDF LRO RLO (U+202A..U+202E), and the isolates LRI RLI FSI PDI (U+2066..U+2069).
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** A text without bidirectional controls; what the schema's name fields read. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** A typed name as it is stored: without bidirectional controls, then trimmed (a control may have been its only edge). */
export function cleanName(name: string): string {
  return stripBidiControls(name).trim();
}

/** Whether a text holds a bidirectional control. */
export function hasBidiControl(text: string): boolean {
  return new RegExp(BIDI_CONTROLS.source, 'u').test(text);
}
