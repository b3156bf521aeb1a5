import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@core': resolve(import.meta.dirname, 'src/core'),
      '@shared': resolve(import.meta.dirname, 'src/shared'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // vi.waitFor with a safety net instead of its 1 s default (see the file).
    setupFiles: ['tests/unit/support/generousWaits.ts'],
    testTimeout: 20_000,
  },
});
