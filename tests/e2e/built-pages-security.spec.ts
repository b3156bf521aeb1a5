// The built output, as it ships: both renderer builds (Electron's out/renderer and the browser
// build) carry the strict Content-Security-Policy first in <head> and load only their own
// bundled scripts, and the sandboxed preload bundle requires nothing but electron. Runs after
// `npm run test:e2e` has built both (npm run build:web && npm run build).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../vite.shared';

const root = resolve(import.meta.dirname, '../..');
const BUILDS = [
  { name: 'Electron renderer (npm run build)', dir: resolve(root, 'out/renderer') },
  { name: 'browser build (npm run build:web)', dir: resolve(root, process.env.SITREP_WEB_OUT ?? 'out/web') },
];

function builtFile(path: string, how: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run ${how} before the end-to-end tests (npm run test:e2e does).`);
  return readFileSync(path, 'utf8');
}

for (const build of BUILDS) {
  test.describe(build.name, () => {
    test('puts the strict CSP first in <head>, before anything can load', () => {
      const html = builtFile(resolve(build.dir, 'index.html'), build.name.replace(/.*\((.*)\)/, '$1'));
      const head = /<head>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? '';
      const first = /<[a-z][^>]*>/i.exec(head)?.[0] ?? '';
      expect(first).toBe(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
      expect(html.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(1);
    });

    test('loads only its own bundled scripts and styles: nothing inline, nothing remote', () => {
      const html = builtFile(resolve(build.dir, 'index.html'), build.name.replace(/.*\((.*)\)/, '$1'));
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(body!.trim(), 'inline script').toBe('');
        expect(attributes).toMatch(/\ssrc="\.\/assets\/[^"]+\.js"/);
      }
      for (const [, url] of html.matchAll(/\s(?:src|href)="([^"]*)"/gi)) {
        expect(url, 'a local asset').toMatch(/^\.\/assets\//);
        expect(existsSync(resolve(build.dir, url!)), `${url} exists`).toBe(true);
      }
      expect(html).not.toMatch(/\son[a-z]+=/i);
    });
  });
}

test('the sandboxed preload bundle requires nothing but electron', () => {
  const source = builtFile(resolve(root, 'out/preload/index.cjs'), 'npm run build');
  const required = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
  expect(required.length).toBeGreaterThan(0);
  expect(new Set(required)).toEqual(new Set(['electron']));
  expect(source).not.toMatch(/\bimport\s*\(/);
});
