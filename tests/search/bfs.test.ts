import { describe, expect, it } from 'vitest';
import { bfs, type System } from '../../src/search/bfs';
import { FingerprintSet } from '../../src/search/fingerprint-set';

/**
 * Two counters, each thread increments its own up to `max`: (max+1)^2 states,
 * claim 0 broken when a == b == max (shortest path: 2*max steps), claim 1
 * never broken.
 */
function counters(max: number): System<[number, number]> {
  return {
    claims: 2,
    starts: () => [[0, 0] as [number, number]],
    threads: () => 2,
    enabled: (s, t) => s[t] < max,
    step: (s, t) => (t === 0 ? [s[0] + 1, s[1]] : [s[0], s[1] + 1]),
    fingerprint: (s) => s[0] * 1000 + s[1] + 1,
    broken: (s, active) => (active & 1 && s[0] === max && s[1] === max ? 1 : 0),
  };
}

/**
 * A graph where depth-first search, taking thread 0 first, reaches the bad
 * node through a long detour (0 -> 1 -> 2 -> 3 -> 4 -> bad, five steps),
 * while the shortest path is 0 -> 5 -> bad (two steps).
 */
const detour: System<number> = {
  claims: 1,
  starts: () => [0],
  threads: () => 2,
  enabled: (s, t) => (t === 0 ? s >= 0 && s < 4 : s === 0 || s === 4 || s === 5),
  step: (s, t) => (t === 0 ? s + 1 : s === 0 ? 5 : 99),
  fingerprint: (s) => s + 1,
  broken: (s) => (s === 99 ? 1 : 0),
};

function dfsFirstHit(sys: System<number>): number {
  const seen = new Set<number>();
  const go = (s: number, depth: number): number => {
    if (sys.broken(s, 1)) return depth;
    seen.add(s);
    for (let t = 0; t < sys.threads(s); t++) {
      if (!sys.enabled(s, t)) continue;
      const n = sys.step(s, t);
      if (seen.has(n)) continue;
      const d = go(n, depth + 1);
      if (d >= 0) return d;
    }
    return -1;
  };
  return go(0, 0);
}

describe('breadth-first explorer', () => {
  it('counts every state of a known model and proves what holds', () => {
    const r = bfs(counters(3));
    expect(r.complete).toBe(true);
    expect(r.states).toBe(16);
    expect(r.outcomes[0]).toMatchObject({ steps: 6, start: 0 });
    expect(r.outcomes[1]).toEqual({ steps: null, start: null, schedule: null, tied: [] });
  });

  it('prefers the path with fewer switches among shortest ones', () => {
    expect(bfs(counters(3)).outcomes[0].schedule).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('returns the shortest path where depth-first search returns a longer one', () => {
    expect(dfsFirstHit(detour)).toBe(5);
    const r = bfs(detour);
    expect(r.outcomes[0].steps).toBe(2);
    expect(r.outcomes[0].schedule).toEqual([1, 1]);
  });

  it('reports incomplete, never held, when the state bound cuts it short', () => {
    const r = bfs(counters(50), { maxStates: 100 });
    expect(r.complete).toBe(false);
    expect(r.outcomes[0].steps).toBeNull();
  });

  it('breaks ties between starts by their order (fewer threads first)', () => {
    const two: System<number> = {
      claims: 1,
      starts: () => [10, 20],
      threads: () => 1,
      enabled: (s) => s % 10 < 2,
      step: (s) => s + 1,
      fingerprint: (s) => s,
      broken: (s) => (s % 10 === 2 ? 1 : 0),
    };
    expect(bfs(two).outcomes[0]).toMatchObject({ steps: 2, start: 0 });
  });
});

describe('FingerprintSet', () => {
  it('adds and finds 53-bit values, zero included, across growth', () => {
    const set = new FingerprintSet(4);
    const values = [0, 1, 2 ** 32, 2 ** 53 - 1, 12345678901234, 2 ** 40 + 7];
    for (let i = 3; i < 200_000; i++) values.push(i * 4294967311 + (i % 7)); // distinct, below 2^53
    for (const v of values) expect(set.add(v)).toBe(true);
    for (const v of values) expect(set.add(v)).toBe(false);
    expect(set.size).toBe(values.length);
    expect(set.has(2 ** 53 - 2)).toBe(false);
  });
});
