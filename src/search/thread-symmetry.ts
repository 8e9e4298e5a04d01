import { G } from '../model/layout';
import type { Model } from '../model/model';
import { TAGGING_OPS } from '../model/ops';
import type { State } from '../model/state';

/**
 * Threads that are interchangeable: the same operation on the same
 * arguments, of an operation that is named nowhere outside its own record
 * but the ghost FOO_WROTE_BAR_BY (not TAGGING_OPS). Swapping two such
 * threads' records (and that ghost) maps every run onto a run, steps
 * renamed, and no claim tells the two apart, so a state and its swap have
 * the same future and the same distance from the start, where both
 * records are alike (symmetry reduction, as in Murphi's scalarsets and
 * TLC's SYMMETRY). Returns the groups of two or more, by thread number.
 */
export function interchangeableThreads(m: Model, initial: State): number[][] {
  const L = m.layout;
  const groups: number[][] = [];
  const placed = new Set<number>();
  for (let i = 1; i < L.threads; i++) {
    if (placed.has(i) || TAGGING_OPS.has(initial[L.thread(i)])) continue;
    const group = [i];
    for (let j = i + 1; j < L.threads; j++) {
      if (compareRecords(initial, L.thread(i), L.thread(j), L.threadStride) === 0) group.push(j);
    }
    for (const j of group) placed.add(j);
    if (group.length > 1) groups.push(group);
  }
  return groups;
}

/**
 * Put the state in a canonical order of its orbit: within each group the
 * records in ascending order, FOO_WROTE_BAR_BY renamed with them. The
 * result is always the state with some interchangeable threads swapped, so
 * merging by it never merges states with different futures; two swaps of
 * one state mostly, though not always (equal records, different ghost),
 * give the same order.
 */
export function sortInterchangeable(s: State, m: Model, groups: readonly number[][]): void {
  const L = m.layout;
  for (const g of groups) {
    // Insertion sort: a group has two or three threads.
    for (let x = 1; x < g.length; x++) {
      for (let y = x; y > 0 && compareRecords(s, L.thread(g[y - 1]), L.thread(g[y]), L.threadStride) > 0; y--) {
        swapThreads(s, m, g[y - 1], g[y]);
      }
    }
  }
}

function compareRecords(s: State, a: number, b: number, n: number): number {
  for (let k = 0; k < n; k++) {
    const d = s[a + k] - s[b + k];
    if (d !== 0) return d;
  }
  return 0;
}

function swapThreads(s: State, m: Model, i: number, j: number): void {
  const a = m.layout.thread(i);
  const b = m.layout.thread(j);
  for (let k = 0; k < m.layout.threadStride; k++) {
    const x = s[a + k];
    s[a + k] = s[b + k];
    s[b + k] = x;
  }
  const by = s[G.FOO_WROTE_BAR_BY];
  if (by === i + 1) s[G.FOO_WROTE_BAR_BY] = j + 1;
  else if (by === j + 1) s[G.FOO_WROTE_BAR_BY] = i + 1;
}
