// The renderer alone, as a plain web page: `npm run dev:web` for development and the
// build that Playwright tests in Chromium.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { rendererConfig } from './vite.shared.ts';

// SITREP_WEB_OUT and SITREP_WEB_PORT let parallel test runs keep their builds and servers apart.
const outDir = process.env.SITREP_WEB_OUT ?? 'out/web';
const previewPort = Number(process.env.SITREP_WEB_PORT ?? 4173);

export default defineConfig({
  ...rendererConfig(resolve(import.meta.dirname, outDir)),
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: previewPort, strictPort: true },
});
