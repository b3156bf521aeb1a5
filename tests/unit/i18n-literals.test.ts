// No user-facing literal in the renderer's components: text between tags and the text of
// labels, titles and placeholders must come from the catalogs (t('ns:key')). A rendered literal
// outside JSX (a toast built in a hook, say) is caught at run time by the pseudo-locale E2E.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'src/renderer');

/** Attributes a person reads or hears. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/**
 * Words that are the same in every language: the product's name and the SEV scale. Anything
 * else is translated, including words that happen to look alike in English and Russian.
 */
const NOT_TRANSLATED = new Set([
  'Sitrep',
  'SEV1',
  'SEV2',
  'SEV3',
  'SEV4',
  'P1',
  'P2',
  'P3',
  'IC',
  'UTC',
  'QR',
  'ZIP',
  'JSON',
  'CSV',
  'HTML',
  'PDF',
  'Markdown',
  'SHA-256',
]);

function hasWords(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || !/\p{L}/u.test(trimmed)) return false;
  return !trimmed.split(/[\s·:,/()–—-]+/u).every((word) => word === '' || NOT_TRANSLATED.has(word) || !/\p{L}/u.test(word));
}

function componentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return componentFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

interface Literal {
  readonly line: number;
  readonly text: string;
}

type Node = { type: string; loc?: { start: { line: number } } | null; [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The text a JSX expression can produce directly: strings through conditionals, `&&`, `+` and templates, not through calls. */
function producedStrings(node: Node, out: Literal[]): void {
  const line = node.loc?.start.line ?? 0;
  switch (node.type) {
    case 'StringLiteral':
      if (hasWords(node.value as string)) out.push({ line, text: node.value as string });
      return;
    case 'TemplateLiteral':
      for (const quasi of node.quasis as Node[]) {
        const cooked = (quasi.value as { cooked: string }).cooked;
        if (hasWords(cooked)) out.push({ line, text: cooked });
      }
      for (const expression of node.expressions as Node[]) producedStrings(expression, out);
      return;
    case 'ConditionalExpression':
      producedStrings(node.consequent as Node, out);
      producedStrings(node.alternate as Node, out);
      return;
    case 'LogicalExpression':
      producedStrings(node.right as Node, out);
      return;
    case 'BinaryExpression':
      if (node.operator === '+') {
        producedStrings(node.left as Node, out);
        producedStrings(node.right as Node, out);
      }
      return;
    case 'TSAsExpression':
    case 'ParenthesizedExpression':
      producedStrings(node.expression as Node, out);
      return;
    default:
  }
}

function literalsIn(source: string): Literal[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['jsx', 'typescript'] });
  const found: Literal[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === 'JSXText' && hasWords(node.value as string)) {
      found.push({ line: node.loc?.start.line ?? 0, text: (node.value as string).trim() });
    }
    if (node.type === 'JSXAttribute') {
      const name = (node.name as Node).name;
      if (typeof name === 'string' && TEXT_ATTRIBUTES.has(name) && isNode(node.value)) {
        const value = node.value.type === 'JSXExpressionContainer' ? (node.value.expression as Node) : node.value;
        producedStrings(value, found);
      }
    }
    if (node.type === 'JSXExpressionContainer' && isNode(node.expression)) {
      // Only children: an attribute's container is handled above (className strings are not text).
      const parent = (node as { parentIsElement?: boolean }).parentIsElement;
      if (parent) producedStrings(node.expression, found);
    }
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      for (const child of node.children as Node[])
        if (child.type === 'JSXExpressionContainer') (child as { parentIsElement?: boolean }).parentIsElement = true;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'extra') continue;
      visit(value);
    }
  };
  visit(ast.program);
  return found;
}

const files = componentFiles(RENDERER).map((path) => relative(ROOT, path));

describe('no user-facing literal in components', () => {
  it('the scanner finds text, labels and conditional strings, and ignores keys and class names', () => {
    const found = literalsIn(`
      const a = <div className="panel-title" aria-label="Open tasks" title={busy ? 'Saving…' : t('x')}>
        Tasks {count > 0 && 'waiting'} {t('work:tasks.title')} · SEV1
      </div>;`);
    expect(found.map((l) => l.text)).toEqual(['Open tasks', 'Saving…', 'Tasks', 'waiting']);
  });

  it.each(files)('%s', (file) => {
    const literals = literalsIn(readFileSync(join(ROOT, file), 'utf8'));
    expect(literals.map((l) => `${file}:${l.line} ${JSON.stringify(l.text)}`)).toEqual([]);
  });
});
