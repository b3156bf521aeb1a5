// Loaded by vitest.config.ts before every unit test file. vi.waitFor gives up after 1 s unless
// told otherwise: a bound on how fast the machine runs, which a loaded one-core CI box can
// overrun while the awaited save or message is still on its way. Every wait here is for a
// condition that does come, so its timeout is only a safety net against a hang: 60 s by default.
// A call that passes its own timeout keeps it.
import { vi } from 'vitest';

const SAFETY_NET_MS = 60_000;

const waitForWithShortDefault = vi.waitFor;
vi.waitFor = ((callback, options) =>
  waitForWithShortDefault(callback, {
    timeout: SAFETY_NET_MS,
    ...(typeof options === 'number' ? { timeout: options } : options),
  })) as typeof vi.waitFor;
