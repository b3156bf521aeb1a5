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
    // A safety net against a hang, not a bound on speed: the network tests derive room keys
    // (PBKDF2) and wait on in-memory peers, which a loaded 2-core CI machine slows many times over.
    testTimeout: 120_000,
  },
});
