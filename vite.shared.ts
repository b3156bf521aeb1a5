// Renderer build settings shared by the Electron build and the plain-browser build.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Plugin, UserConfig } from 'vite';

/**
 * The production Content-Security-Policy. Only injected into built pages: the dev server
 * needs inline scripts for hot reload. Styles allow 'unsafe-inline' because Radix's scroll
 * lock injects a <style> element; scripts never do.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // No frame-ancestors: browsers ignore it in a <meta> policy (and warn on every load). Nothing
  // can frame this page anyway: webviews are refused and navigation stays on our own page.
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'sitrep-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
  };
}

export const rendererRoot = resolve(import.meta.dirname, 'src/renderer');

export function rendererConfig(outDir: string): UserConfig {
  return {
    root: rendererRoot,
    base: './',
    plugins: [react(), contentSecurityPolicy()],
    resolve: {
      alias: {
        '@core': resolve(import.meta.dirname, 'src/core'),
        '@shared': resolve(import.meta.dirname, 'src/shared'),
      },
    },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      rollupOptions: { input: resolve(rendererRoot, 'index.html') },
    },
  };
}
