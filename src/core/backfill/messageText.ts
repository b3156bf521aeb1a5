// A message's text as it goes into the preview: its lines joined, trailing spaces and runs of
// blank lines (both noise of copying) dropped, control characters (binary debris) removed.

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The lines of one message as one text: lines right-trimmed, blank runs collapsed to one, blank ends dropped. */
export function joinMessageLines(lines: readonly string[]): string {
  const kept: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(CONTROL_CHARACTERS, '').trimEnd();
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n').trim();
}

/** Splits a text into lines on CRLF, LF or CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
