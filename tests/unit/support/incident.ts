// Test helpers: a declared incident with a controllable clock.
import * as Y from 'yjs';
import { declareIncident, type Actor } from '../../../src/core/commands';

export const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

export interface TestClock {
  now: number;
  advance(ms: number): number;
}

export function testClock(start = T0): TestClock {
  return {
    now: start,
    advance(ms) {
      this.now += ms;
      return this.now;
    },
  };
}

export function actor(id: string, name: string, clock: TestClock): Actor {
  return { id, name, now: () => clock.now };
}

export function declaredIncident(clock = testClock()) {
  const doc = new Y.Doc();
  const ic = actor('ic-profile', 'Avery IC', clock);
  const incidentId = declareIncident(doc, { title: 'Checkout errors', severity: 'SEV2', summary: '5xx on /pay' }, ic);
  return { doc, ic, clock, incidentId };
}

/** Two-way sync of every update both documents have. */
export function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, 'remote');
  Y.applyUpdate(a, toA, 'remote');
}
