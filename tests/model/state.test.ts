import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/model/fingerprint';
import { cloneState, statesEqual } from '../../src/model/state';
import { takeStep } from '../../src/model/step';
import { scenario, setup } from '../helpers';

describe('state', () => {
  const sc = scenario({ cache: ['dirty', 'clean'], threads: [{ op: 'read', page: 1 }, { op: 'barWrite' }] });

  it('is one flat array of small integers of the size the layout says', () => {
    const { m, s0 } = setup(sc);
    expect(Array.isArray(s0)).toBe(true);
    expect(s0.every((v) => Number.isInteger(v) && Math.abs(v) < 1 << 15)).toBe(true);
    expect(s0.length).toBe(m.layout.size);
  });

  it('clones to an equal, independent array with the same fingerprint', () => {
    const { m, s0 } = setup(sc);
    const c = cloneState(s0);
    expect(statesEqual(c, s0)).toBe(true);
    expect(fingerprint(c)).toBe(fingerprint(s0));
    takeStep(c, m, 0);
    expect(statesEqual(c, s0)).toBe(false);
    expect(fingerprint(c)).not.toBe(fingerprint(s0));
  });

  it('gives equal fingerprints to equal states reached by different orders', () => {
    // A read of an uncached page and bar's allocation touch disjoint state and neither finishes:
    // either order ends in the same state. (Had one finished, the order would show in the ghost.)
    const { m, s0 } = setup(scenario({ cache: ['dirty', 'none'], threads: [{ op: 'read', page: 1 }, { op: 'barWrite' }] }));
    const a = cloneState(s0);
    const b = cloneState(s0);
    takeStep(a, m, 1);
    takeStep(a, m, 2);
    takeStep(b, m, 2);
    takeStep(b, m, 1);
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(statesEqual(a, b)).toBe(true);
  });

  it('gives different fingerprints to states that differ in any single word', () => {
    const { s0 } = setup(sc);
    const seen = new Set([fingerprint(s0)]);
    for (let i = 0; i < s0.length; i++) {
      const c = cloneState(s0);
      c[i] += 1;
      seen.add(fingerprint(c));
    }
    expect(seen.size).toBe(s0.length + 1);
  });
});
