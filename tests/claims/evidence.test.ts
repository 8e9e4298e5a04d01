import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/claims/index';
import type { Model } from '../../src/model/model';
import type { State } from '../../src/model/state';
import { isEnabled, isFinished, takeStep } from '../../src/model/step';
import type { Scenario } from '../../src/run/scenario';
import { scenario, setup } from '../helpers';

/** Run thread after thread to its end, in `order`, and give the state. */
function runInOrder(sc: Scenario, order: number[]): { s: State; m: Model } {
  const { m, s0 } = setup(sc);
  const s = [...s0];
  for (const t of order) while (!isFinished(s, m, t) && isEnabled(s, m, t)) takeStep(s, m, t);
  return { s, m };
}

/** Whether the claim's evidence shows after running the threads in `order`. */
const seenAfter = (claim: keyof typeof CLAIMS, sc: Scenario, order: number[]) => {
  const { s, m } = runInOrder(sc, order);
  return CLAIMS[claim].evidence!.seen(s, m);
};

// What each claim needs to have happened before it judges anything: the searches report a `held` without it as vacuous.
describe('the claims\' evidence', () => {
  it('no-stale-data: a read of a punched page that started after the punch returned, and finished', () => {
    const sc = scenario({ threads: [{ op: 'read', page: 0 }, { op: 'read', page: 1 }] });
    expect(seenAfter('no-stale-data-after-fallocate', sc, [0, 1])).toBe(true);
    // The read before the punch, and the read of the page the punch leaves alone, judge nothing.
    expect(seenAfter('no-stale-data-after-fallocate', sc, [1, 0, 2])).toBe(false);
    expect(seenAfter('no-stale-data-after-fallocate', sc, [0])).toBe(false);
  });

  it('no-foreign-data-exposed: a read finished', () => {
    const sc = scenario({ threads: [{ op: 'read', page: 1 }, { op: 'barWrite', block: 0 }] });
    expect(seenAfter('no-foreign-data-exposed', sc, [0, 2])).toBe(false);
    expect(seenAfter('no-foreign-data-exposed', sc, [0, 2, 1])).toBe(true);
  });

  it('bar-never-overwritten-by-foo: bar was given a block', () => {
    const sc = scenario({ threads: [{ op: 'barWrite', block: 0 }] });
    expect(seenAfter('bar-never-overwritten-by-foo', sc, [0])).toBe(false);
    expect(seenAfter('bar-never-overwritten-by-foo', sc, [0, 1])).toBe(true);
  });

  it('no-lost-write: every thread finished; no-page-maps-freed-block: the punch returned', () => {
    const sc = scenario({ threads: [{ op: 'write', page: 1 }] });
    expect(seenAfter('no-lost-write', sc, [0])).toBe(false);
    expect(seenAfter('no-page-maps-freed-block', sc, [0])).toBe(true);
    expect(seenAfter('no-page-maps-freed-block', sc, [])).toBe(false);
    expect(seenAfter('no-lost-write', sc, [0, 1])).toBe(true);
  });

  it('no-deadlock judges every state: it has no evidence to wait for', () => {
    expect(CLAIMS['no-deadlock'].evidence).toBeUndefined();
  });
});
