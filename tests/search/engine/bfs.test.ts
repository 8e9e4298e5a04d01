import { describe, expect, it } from 'vitest';
import { bfs } from '../../../src/search/engine/bfs';
import type { System } from '../../../src/search/engine/system';
import { collisionBound, FingerprintSet } from '../../../src/search/engine/fingerprint-set';

/** A small system's fingerprint: its number as the low word. */
function words(out: Uint32Array, n: number): void {
  out[0] = 0;
  out[1] = n;
}

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
    fingerprint: (s, out) => words(out, s[0] * 1000 + s[1] + 1),
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
  fingerprint: (s, out) => words(out, s + 1),
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
      fingerprint: (s, out) => words(out, s),
      broken: (s) => (s % 10 === 2 ? 1 : 0),
    };
    expect(bfs(two).outcomes[0]).toMatchObject({ steps: 2, start: 0 });
  });
});

describe('FingerprintSet', () => {
  it('adds and finds 64-bit values as two words, zero included, across growth', () => {
    const set = new FingerprintSet(4);
    const pairs: Array<[number, number]> = [[0, 0], [0, 1], [1, 0], [0xffffffff, 0xffffffff], [0x80000000, 7], [7, 0x80000000]];
    for (let i = 1; i < 200_000; i++) pairs.push([Math.imul(i, 0x9e3779b1) >>> 0, i]); // distinct: the low word differs
    for (const [hi, lo] of pairs) expect(set.add(hi, lo)).toBe(true);
    for (const [hi, lo] of pairs) expect(set.add(hi, lo)).toBe(false);
    expect(set.size).toBe(pairs.length);
    // Values that agree in one word only are different fingerprints: all 64 bits count.
    expect(set.has(0xffffffff, 0xfffffffe)).toBe(false);
    expect(set.has(0x80000000, 8)).toBe(false);
    expect(set.addOrGet(0xffffffff, 0xfffffffe, 5)).toBe(-1);
    expect(set.addOrGet(0xffffffff, 0xfffffffe, 6)).toBe(5);
  });

  it('states the collision bound of TLC\'s birthday estimate', () => {
    expect(collisionBound(1)).toBe(0);
    expect(collisionBound(2 ** 32)).toBeCloseTo(0.5, 6);
    expect(collisionBound(30_000_000)).toBeCloseTo(2.44e-5, 7);
  });
});

/**
 * Three threads each counting to `max`; threads 1 and 2 are alike, so a
 * state and its swap of counters 1 and 2 have the same future. Claim 0
 * breaks when thread 0 and thread 2 (by number) have both finished: not
 * symmetric in 1 and 2 as a claim must be, so it is expressed through the
 * canonical state only when the test asks for it.
 */
function trio(max: number, withSymmetry: boolean): System<number[]> {
  return {
    claims: 2, // claim 1 never breaks, so the search goes through every state
    starts: () => [[0, 0, 0]],
    threads: () => 3,
    enabled: (s, t) => s[t] < max,
    step: (s, t) => s.map((v, k) => (k === t ? v + 1 : v)),
    fingerprint: (s, out) => words(out, s[0] * 10_000 + s[1] * 100 + s[2] + 1),
    // Symmetric in 1 and 2: both of them finished, and thread 0 too.
    broken: (s, active) => (active & 1 && s[0] === max && s[1] === max && s[2] === max - 1 ? 1 : 0) | (active & 1 && s[0] === max && s[2] === max && s[1] === max - 1 ? 1 : 0),
    canonical: withSymmetry
      ? (s, perm) => {
          const swap = s[1] > s[2];
          if (swap) [s[1], s[2]] = [s[2], s[1]];
          if (perm !== undefined) perm.splice(0, perm.length, 0, swap ? 2 : 1, swap ? 1 : 2);
        }
      : undefined,
  };
}

describe('the engine with symmetry', () => {
  it('merges swapped states, with the same verdict and length, and a schedule that replays once renamed', async () => {
    const { realSchedule } = await import('../../../src/search/engine/schedules');
    const plain = bfs(trio(3, false));
    const sym = bfs(trio(3, true));
    expect(plain.states).toBe(64);
    expect(sym.states).toBe(40); // 4 values of thread 0 times the 10 unordered pairs
    expect(sym.outcomes[0].steps).toBe(plain.outcomes[0].steps);
    const sys = trio(3, true);
    const schedule = realSchedule(sys, [0, 0, 0], sym.outcomes[0].schedule!, (s) => [...s]);
    const end = schedule.reduce((s, t) => sys.step(s, t), [0, 0, 0]);
    expect(sys.broken(end, 1)).toBe(1);
  });

  it('turns symmetry off when asked, and for fewest switches', () => {
    expect(bfs(trio(3, true), { symmetry: false }).states).toBe(64);
    expect(bfs(trio(3, true), { fewestSwitches: true }).symmetric).toBe(false);
  });
});

describe('the engine with claim-aware pruning', () => {
  // counters(3) again, with a stillBreakable that rules claim 0 out once thread 1 has run ahead of thread 0.
  const pruned = (): System<[number, number]> => ({ ...counters(3), stillBreakable: (s, c) => (s[1] > s[0] + 1 ? c & ~1 : c) });

  it('does not expand a state the claim can no longer break from, and keeps verdict and length', () => {
    const full = bfs(counters(3), { watch: 2 });
    const cut = bfs(pruned(), { watch: 2 });
    expect(cut.outcomes[0].steps).toBe(full.outcomes[0].steps);
    expect(cut.states).toBeLessThan(full.states);
    expect(bfs(pruned(), { watch: 2, pruning: false }).states).toBe(full.states);
  });

  it('a wrong stillBreakable changes the verdict: the engine trusts it, which is why each claim tests its own', () => {
    const liar: System<[number, number]> = { ...counters(3), stillBreakable: (_, c) => c & ~1 };
    expect(bfs(liar, { watch: 2 }).outcomes[0].steps).toBeNull();
  });

  it('skips checking a claim after a step that cannot change it (unaffected), with the same result', () => {
    let checks = 0;
    const counting = (sys: System<[number, number]>): System<[number, number]> => ({ ...sys, broken: (s, c) => (checks++, sys.broken(s, c)) });
    const all = bfs(counting(counters(3)));
    const before = checks;
    checks = 0;
    // Claim 0 needs both counters at 3: only a step to 3 can make it true; claim 1 never breaks. Other steps change neither.
    const some = bfs(counting({ ...counters(3), unaffected: (s, t) => (s[t] === 2 ? 0 : 3) }));
    expect(some.outcomes[0]).toEqual(all.outcomes[0]);
    expect(checks).toBeLessThan(before);
  });
});

describe('the engine watching other claims', () => {
  it('reports a watched claim once and stops when the searched ones are found, first violation only without ties', () => {
    const found: number[] = [];
    const r = bfs(counters(3), { watch: 2, onFound: (c) => found.push(c), ties: false });
    expect(r.outcomes[0].steps).toBe(6);
    expect(r.outcomes[1].steps).toBeNull();
    expect(found).toEqual([0]);
  });
});
