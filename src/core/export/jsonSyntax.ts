// Finds where a JSON text stops being valid, so an import error can point at a line and
// column the same way in every JavaScript engine (their JSON.parse messages all differ).

export interface JsonSyntaxProblem {
  /** Zero-based index into the text. */
  readonly index: number;
  /** One-based line and column of that index. */
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

function describeChar(text: string, index: number): string {
  if (index >= text.length) return 'the end of the text';
  const code = text.codePointAt(index) ?? 0;
  const char = String.fromCodePoint(code);
  return code < 0x20 || code === 0x7f ? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(char);
}

function position(text: string, index: number, problem: string): JsonSyntaxProblem {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { index, line, column: index - lineStart + 1, problem };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * Scans `text` as JSON (RFC 8259) without building values; returns the first problem, or
 * null when the text is valid. Iterative, so deeply nested input cannot overflow the stack.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const n = text.length;
  const open: Array<'{' | '['> = [];
  type State = 'value' | 'key' | 'after';
  let state: State = 'value';
  const fail = (problem: string): JsonSyntaxProblem => position(text, i, problem);
  const skipSpace = (): void => {
    while (i < n) {
      const c = text[i];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
      i++;
    }
  };
  const scanString = (): string | null => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c === 92) {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) return 'invalid escape sequence in a string';
        i = ESCAPE.lastIndex;
        continue;
      }
      if (c < 0x20) return `${describeChar(text, i)} inside a string (write line breaks as \\n)`;
      i++;
    }
    return 'a string is not closed before the end of the text';
  };

  for (;;) {
    skipSpace();
    if (state === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        skipSpace();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          state = 'after';
        } else {
          open.push(c);
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (c === '"') {
        const problem = scanString();
        if (problem) return fail(problem);
        state = 'after';
        continue;
      }
      NUMBER.lastIndex = i;
      if (NUMBER.test(text)) {
        i = NUMBER.lastIndex;
        state = 'after';
        continue;
      }
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (literal) {
        i += literal.length;
        state = 'after';
        continue;
      }
      return fail(`unexpected ${describeChar(text, i)}, expected a value`);
    }
    if (state === 'key') {
      if (text[i] !== '"') return fail(`unexpected ${describeChar(text, i)}, expected a quoted field name`);
      const problem = scanString();
      if (problem) return fail(problem);
      skipSpace();
      if (text[i] !== ':') return fail(`unexpected ${describeChar(text, i)}, expected ":" after a field name`);
      i++;
      state = 'value';
      continue;
    }
    // state === 'after': a value just ended.
    const container = open[open.length - 1];
    if (container === undefined) {
      return i < n ? fail(`unexpected ${describeChar(text, i)} after the end of the JSON value`) : null;
    }
    const close = container === '{' ? '}' : ']';
    if (text[i] === ',') {
      i++;
      state = container === '{' ? 'key' : 'value';
    } else if (text[i] === close) {
      i++;
      open.pop();
    } else {
      return fail(`unexpected ${describeChar(text, i)}, expected "," or "${close}"`);
    }
  }
}
