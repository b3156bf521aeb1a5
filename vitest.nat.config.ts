// The NAT lab test (tests/nat): network namespaces, coturn and WebRTC members in child processes.
// Kept apart from `vitest run` so the unit tests stay quick; run with
// `vitest run --config vitest.nat.config.ts`.
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
    include: ['tests/nat/**/*.test.ts'],
    environment: 'node',
    // The cases share one lab and run in order; the waits inside are bounded by their own safety nets.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
