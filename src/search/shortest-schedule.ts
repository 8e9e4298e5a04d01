import type { ClaimCheck } from '../claims/claim';
import _ from 'lodash';
import { DECIDED_BY, STILL_BREAKABLE, type StillBreakable } from '../claims/claims';
import { T_OP } from '../model/layout';
import { fingerprint } from '../model/fingerprint';
import type { Model } from '../model/model';
import { cloneState, type State } from '../model/state';
import { isEnabled, takeStep } from '../model/step';
import { FingerprintSet } from './fingerprint-set';
import { interchangeableThreads, sortInterchangeable } from './thread-symmetry';

export type ShortestResult =
  | { readonly verdict: 'violated'; readonly schedule: number[]; readonly states: number }
  | { readonly verdict: 'held'; readonly states: number }
  | { readonly verdict: 'incomplete'; readonly states: number };

export interface ShortestOptions {
  /** Give up as `incomplete` after this many states; default 500,000. */
  readonly maxStates?: number;
  /** Other claims to look out for on the way. */
  readonly watch?: Watch;
  /** Expand only states from which the claim can still break; default the claim's test in STILL_BREAKABLE, null expands every state. */
  readonly stillBreakable?: StillBreakable | null;
  /** Merge states that differ only by a swap of interchangeable threads (thread-symmetry.ts); default true. */
  readonly symmetry?: boolean;
}

/**
 * Breadth-first search over every interleaving of one scenario, states
 * deduplicated by fingerprint, for the shortest schedule after which `claim`
 * fails. Breadth-first, so the first violation met is a shortest one; among
 * children, the thread that just ran goes first, so a tie tends to the
 * schedule with fewer switches. `held` means every reachable state was
 * checked; hitting `maxStates` first gives `incomplete`, never `held`.
 * States from which `stillBreakable` says the claim cannot break are
 * checked and counted but not expanded.
 *
 * States that differ only by a swap of interchangeable threads are one
 * state (symmetry reduction): verdicts and shortest lengths are those of
 * the whole graph, with fewer states. Its path names threads of sorted
 * states, not of a run, so a violation found that way is searched for
 * again without merging, which finds a schedule of the same length (a
 * swap keeps a state's distance from the start), to return a schedule
 * that replays; `states` counts both searches.
 */
export function shortestSchedule(m: Model, initial: State, claim: ClaimCheck, opts: ShortestOptions = {}): ShortestResult {
  const maxStates = opts.maxStates ?? 500_000;
  const stillBreakable = opts.stillBreakable === undefined ? STILL_BREAKABLE.get(claim) ?? null : opts.stillBreakable;
  const groups = opts.symmetry === false ? [] : interchangeableThreads(m, initial);
  const r = search(m, initial, claim, maxStates, opts.watch, stillBreakable, groups);
  if (r.verdict !== 'violated' || groups.length === 0) return r;
  const plain = search(m, initial, claim, Infinity, undefined, stillBreakable, []);
  return { ...plain, states: r.states + plain.states };
}

function search(
  m: Model, initial: State, claim: ClaimCheck, maxStates: number, watch: Watch | undefined,
  stillBreakable: StillBreakable | null, groups: readonly number[][],
): ShortestResult {
  if (claim(initial, m) !== null) return { verdict: 'violated', schedule: [], states: 1 };
  const startOpen = stillBreakable === null || stillBreakable(initial, m);
  const states: State[] = [initial];
  const parent: number[] = [-1];
  const via: number[] = [-1];
  // A typed set, not a Set: fingerprints above 2^31 would each be boxed (a fifth of the time went to the garbage collector).
  const seen = new FingerprintSet(Math.min(maxStates, 1 << 13));
  seen.add(fingerprint(initial));
  const n = m.layout.threads;
  // After a step of a thread whose operation cannot change the claim (DECIDED_BY), the state holds and is still breakable,
  // as its parent was expanded; the start, expanded unconditionally, is the exception.
  const decidedBy = DECIDED_BY.get(claim);
  const decides = _.range(n).map((i) => decidedBy === undefined || decidedBy.has(initial[m.layout.thread(i) + T_OP]));
  for (let head = 0; head < states.length; head++) {
    const s = states[head];
    const lastThread = via[head];
    for (let k = 0; k < n; k++) {
      // Visit the last thread first, then the others in order.
      const i = k === 0 ? Math.max(lastThread, 0) : k <= Math.max(lastThread, 0) ? k - 1 : k;
      if (!isEnabled(s, m, i)) continue;
      const unchanged = !decides[i] && (head > 0 || startOpen);
      // Each successor is a fresh copy, kept if new: slice() is one memcpy, where copying
      // word by word into a scratch state was a fifth of the search's time (profile, 2026-11-25).
      const next = cloneState(s);
      takeStep(next, m, i);
      if (groups.length > 0) sortInterchangeable(next, m, groups);
      if (!seen.add(fingerprint(next))) continue;
      const broken = !unchanged && claim(next, m) !== null;
      if (watch && !broken) watchState(watch, next, m);
      // A state from which the claim can no longer break is visited but not expanded (STILL_BREAKABLE).
      if (broken || unchanged || stillBreakable === null || stillBreakable(next, m)) {
        states.push(next);
        parent.push(head);
        via.push(i);
        if (broken) return { verdict: 'violated', schedule: path(parent, via, states.length - 1), states: seen.size };
      }
      if (seen.size >= maxStates) return { verdict: 'incomplete', states: seen.size };
    }
    states[head] = undefined as unknown as State; // expanded: let it go
  }
  return { verdict: 'held', states: seen.size };
}

/**
 * Other claims to look out for on the way: `onBreak(i)` is called the first
 * time a state breaks checks[i] (a lead for another cell of the same
 * variant and geometry; the search itself goes on for its own claim).
 */
export interface Watch {
  readonly checks: readonly ClaimCheck[];
  readonly onBreak: (i: number) => void;
  broken?: boolean[];
}

function watchState(w: Watch, s: State, m: Model): void {
  const broken = (w.broken ??= w.checks.map(() => false));
  for (let i = 0; i < w.checks.length; i++) {
    if (broken[i] || w.checks[i](s, m) === null) continue;
    broken[i] = true;
    w.onBreak(i);
  }
}

function path(parent: number[], via: number[], node: number): number[] {
  const out: number[] = [];
  for (let v = node; parent[v] >= 0; v = parent[v]) out.push(via[v]);
  return out.reverse();
}
