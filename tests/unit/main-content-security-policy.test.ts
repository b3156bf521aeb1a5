// Proves the renderer's Content-Security-Policy is strict and is injected into every built page.
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, rendererConfig } from '../../vite.shared';

function directives(): Map<string, string[]> {
  return new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('Content-Security-Policy', () => {
  it('runs only our own scripts: no inline, no eval, no remote', () => {
    expect(directives().get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('blocks plugins, base rewriting and form posts', () => {
    const policy = directives();
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('holds only directives a <meta> policy can carry', () => {
    // Browsers ignore these in a meta element and log a warning on every load (see docs/security.md, item 7).
    for (const headerOnly of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) {
      expect(directives().has(headerOnly), headerOnly).toBe(false);
    }
  });

  it('is injected as the first element of <head> in built pages', () => {
    const plugin = (rendererConfig('out/renderer').plugins ?? [])
      .flat()
      .find((candidate) => candidate !== null && typeof candidate === 'object' && 'name' in candidate && candidate.name === 'sitrep-csp');
    expect(plugin).toBeDefined();
    const csp = plugin as unknown as { apply?: string; transformIndexHtml: (html: string) => string };
    // Build only: the dev server needs inline scripts for hot reload.
    expect(csp.apply).toBe('build');
    const html = csp.transformIndexHtml('<html><head><title>Sitrep</title></head></html>');
    expect(html).toMatch(/<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'self';[^"]*"/);
  });
});
