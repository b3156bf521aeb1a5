// The renderer alone, as a plain web page: `npm run dev:web` for development and the
// build that Playwright tests in Chromium.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { rendererConfig } from './vite.shared.ts';

export default defineConfig({
  ...rendererConfig(resolve(import.meta.dirname, 'out/web')),
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
