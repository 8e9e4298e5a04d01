import type { Claim } from '../../claims/claim';
import type { Model } from '../../model/model';
import { cloneState, type State } from '../../model/state';
import { bfs } from '../engine/bfs';
import { realSchedule } from '../engine/schedules';
import { modelSystem } from './kernel-system';

export type ShortestResult =
  | { readonly verdict: 'violated'; readonly schedule: number[]; readonly states: number }
  | { readonly verdict: 'held'; readonly states: number }
  | { readonly verdict: 'incomplete'; readonly states: number };

export interface ShortestOptions {
  /** Give up as `incomplete` after this many states; default 500,000. */
  readonly maxStates?: number;
  /** Other claims to look out for on the way. */
  readonly watch?: Watch;
  /** The claim's own pruning (stillBreakable, decidedBy); default true. */
  readonly pruning?: boolean;
  /** Merge states that differ only by a swap of interchangeable threads (thread-symmetry.ts); default true. */
  readonly symmetry?: boolean;
}

/**
 * The shortest schedule of one scenario after which `claim` fails: the
 * engine (engine/bfs.ts) from one start, stopped at the first violation.
 * `held` means every reachable state was checked; hitting `maxStates`
 * first gives `incomplete`, never `held`. With symmetry the schedule is
 * renamed back to the threads of the run, so it replays.
 */
export function shortestSchedule(m: Model, initial: State, claim: Claim, opts: ShortestOptions = {}): ShortestResult {
  const watched = opts.watch?.claims ?? [];
  const sys = modelSystem(m, initial, [claim, ...watched]);
  const r = bfs(sys, {
    maxStates: opts.maxStates ?? 500_000, symmetry: opts.symmetry, pruning: opts.pruning, ties: false,
    watch: ((1 << watched.length) - 1) << 1,
    onFound: (c) => (c > 0 ? tell(opts.watch!, c - 1) : undefined),
  });
  const o = r.outcomes[0];
  if (o.schedule !== null) {
    return { verdict: 'violated', schedule: r.symmetric ? realSchedule(sys, initial, o.schedule, cloneState) : o.schedule, states: r.states };
  }
  return { verdict: r.complete ? 'held' : 'incomplete', states: r.states };
}

/**
 * Other claims to look out for on the way: `onBreak(i)` is called the first
 * time a state breaks claims[i] (a lead for another cell of the same
 * variant and geometry; the search itself goes on for its own claim), once
 * per Watch however many searches it is given to.
 */
export interface Watch {
  readonly claims: readonly Claim[];
  readonly onBreak: (i: number) => void;
  told?: boolean[];
}

function tell(w: Watch, i: number): void {
  const told = (w.told ??= w.claims.map(() => false));
  if (told[i]) return;
  told[i] = true;
  w.onBreak(i);
}
