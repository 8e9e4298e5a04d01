import { describe, expect, it } from 'vitest';
import { bfs } from '../../../src/search/engine/bfs';
import { switchesOf } from '../../../src/search/engine/schedules';
import type { System } from '../../../src/search/engine/system';

/** A small system's fingerprint: its number as the low word. */
function words(out: Uint32Array, n: number): void {
  out[0] = 0;
  out[1] = n;
}

/**
 * A graph where the order of expansion picks the wrong tie: S -0-> P -1-> X
 * and S -1-> Q -1-> X, then X -1-> V (broken). Breadth-first search meets X
 * first from P, so its path is [0, 1, 1] with one switch; [1, 1, 1] is as
 * short with none.
 */
const EDGES: Record<string, Array<string | null>> = {
  S: ['P', 'Q'],
  P: [null, 'X'],
  Q: [null, 'X'],
  X: [null, 'V'],
  V: [null, null],
};
const graph: System<string> = {
  claims: 1,
  starts: () => ['S'],
  threads: () => 2,
  enabled: (s, t) => EDGES[s][t] !== null,
  step: (s, t) => EDGES[s][t]!,
  fingerprint: (s, out) => words(out, s.charCodeAt(0)),
  broken: (s) => (s === 'V' ? 1 : 0),
};

describe('fewest switches among the shortest schedules', () => {
  it('finds the schedule without a switch where breadth-first order gives one with a switch', () => {
    const r = bfs(graph);
    expect(r.outcomes[0].schedule).toEqual([0, 1, 1]);
    const best = bfs(graph, { fewestSwitches: true }).outcomes[0].schedule;
    expect(best).toEqual([1, 1, 1]);
    expect(switchesOf(best!)).toBe(0);
  });

  it('gives null when nothing breaks the claim at that depth', () => {
    expect(bfs(graph, { maxDepth: 2, fewestSwitches: true }).outcomes[0].schedule).toBeNull();
  });

  it('counts switches', () => {
    expect(switchesOf([])).toBe(0);
    expect(switchesOf([0, 0, 1, 1, 0])).toBe(2);
  });
});
