import type { ClaimCheck } from '../claims/claim';
import { STILL_BREAKABLE, type StillBreakable } from '../claims/claims';
import { fingerprint } from '../model/fingerprint';
import type { Model } from '../model/model';
import { cloneState, type State } from '../model/state';
import { isEnabled, takeStep } from '../model/step';
import { FingerprintSet } from './fingerprint-set';

export type ShortestResult =
  | { readonly verdict: 'violated'; readonly schedule: number[]; readonly states: number }
  | { readonly verdict: 'held'; readonly states: number }
  | { readonly verdict: 'incomplete'; readonly states: number };

/**
 * Breadth-first search over every interleaving of one scenario, states
 * deduplicated by fingerprint, for the shortest schedule after which `claim`
 * fails. Breadth-first, so the first violation met is a shortest one; among
 * children, the thread that just ran goes first, so a tie tends to the
 * schedule with fewer switches. `held` means every reachable state was
 * checked; hitting `maxStates` first gives `incomplete`, never `held`.
 * States from which `stillBreakable` says the claim cannot break are
 * checked and counted but not expanded (by default the claim's own test in
 * STILL_BREAKABLE; null expands every state).
 */
export function shortestSchedule(
  m: Model, initial: State, claim: ClaimCheck, maxStates = 500_000, watch?: Watch,
  stillBreakable: StillBreakable | null = STILL_BREAKABLE.get(claim) ?? null,
): ShortestResult {
  if (claim(initial, m) !== null) return { verdict: 'violated', schedule: [], states: 1 };
  const states: State[] = [initial];
  const parent: number[] = [-1];
  const via: number[] = [-1];
  // A typed set, not a Set: fingerprints above 2^31 would each be boxed (a fifth of the time went to the garbage collector).
  const seen = new FingerprintSet(Math.min(maxStates, 1 << 13));
  seen.add(fingerprint(initial));
  const n = m.layout.threads;
  for (let head = 0; head < states.length; head++) {
    const s = states[head];
    const lastThread = via[head];
    for (let k = 0; k < n; k++) {
      // Visit the last thread first, then the others in order.
      const i = k === 0 ? Math.max(lastThread, 0) : k <= Math.max(lastThread, 0) ? k - 1 : k;
      if (!isEnabled(s, m, i)) continue;
      // Each successor is a fresh copy, kept if new: slice() is one memcpy, where copying
      // word by word into a scratch state was a fifth of the search's time (profile, 2026-11-25).
      const next = cloneState(s);
      takeStep(next, m, i);
      if (!seen.add(fingerprint(next))) continue;
      const broken = claim(next, m) !== null;
      if (watch && !broken) watchState(watch, next, m);
      // A state from which the claim can no longer break is visited but not expanded (STILL_BREAKABLE).
      if (broken || stillBreakable === null || stillBreakable(next, m)) {
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
