import { G, T_ARG0, T_ARG1, T_OP } from '../../model/layout';
import type { Model } from '../../model/model';
import { TAGGING_OPS } from '../../model/ops';
import type { State } from '../../model/state';

/**
 * Whether threads i and j are interchangeable: the same operation on the
 * same arguments (which never change during a run), of an operation that
 * is named nowhere outside its own record but the ghost FOO_WROTE_BAR_BY
 * (not TAGGING_OPS; the punch, thread 0, is never one). Swapping two such
 * threads' records (and that ghost) maps every run onto a run, steps
 * renamed, and no claim tells the two apart, so a state and its swap have
 * the same future and the same distance from the start (symmetry
 * reduction, as in Murphi's scalarsets and TLC's SYMMETRY). The other
 * ghost naming threads, T_PRED, names only the punch and foo's writers,
 * which are never interchangeable.
 */
function interchangeable(s: State, m: Model, i: number, j: number): boolean {
  const a = m.layout.thread(i);
  const b = m.layout.thread(j);
  return i > 0 && s[a + T_OP] === s[b + T_OP] && !TAGGING_OPS.has(s[a + T_OP]) && s[a + T_ARG0] === s[b + T_ARG0] && s[a + T_ARG1] === s[b + T_ARG1];
}

/** The groups of two or more interchangeable threads of a state, by thread number. */
export function interchangeableThreads(m: Model, s: State): number[][] {
  const groups: number[][] = [];
  const placed = new Set<number>();
  for (let i = 1; i < m.layout.threads; i++) {
    if (placed.has(i)) continue;
    const group = [i];
    for (let j = i + 1; j < m.layout.threads; j++) if (interchangeable(s, m, i, j)) group.push(j);
    for (const j of group) placed.add(j);
    if (group.length > 1) groups.push(group);
  }
  return groups;
}

/**
 * Put the state in a canonical order of its orbit, in place: within each
 * group of interchangeable threads the records in ascending order,
 * FOO_WROTE_BAR_BY renamed with them. The result is always the state with
 * some interchangeable threads swapped, so merging by it never merges
 * states with different futures; two swaps of one state mostly, though not
 * always (equal records, different ghost), give the same order. With
 * `perm`, perm[i] is set to the new number of thread i.
 */
export function sortInterchangeable(s: State, m: Model, perm?: number[]): void {
  const L = m.layout;
  const n = L.threads;
  // Most states have no two alike threads: find that out with one pass over the operations first.
  let any = false;
  for (let i = 1; i < n && !any; i++) {
    const op = s[L.threadBase + i * L.threadStride + T_OP];
    if (TAGGING_OPS.has(op)) continue;
    for (let j = i + 1; j < n && !any; j++) any = s[L.threadBase + j * L.threadStride + T_OP] === op && interchangeable(s, m, i, j);
  }
  if (perm !== undefined) {
    perm.length = n;
    for (let i = 0; i < n; i++) perm[i] = i;
  }
  if (!any) return;
  const at = perm === undefined ? null : Array.from({ length: n }, (_, i) => i); // at[position] = original thread
  // Exchange sort: after position i, it holds the least record of its group among positions i and after.
  for (let i = 1; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!interchangeable(s, m, i, j) || compareRecords(s, L.thread(i), L.thread(j), L.threadStride) <= 0) continue;
      swapThreads(s, m, i, j);
      if (at !== null) [at[i], at[j]] = [at[j], at[i]];
    }
  }
  if (perm !== undefined && at !== null) for (let p = 0; p < n; p++) perm[at[p]] = p;
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
