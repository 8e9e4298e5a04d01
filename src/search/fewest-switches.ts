import type { System } from './bfs';

/** One state of a level: the fewest switches to reach it ending with each thread, and how. */
interface Entry<S> {
  readonly state: S;
  readonly broken: boolean;
  /** Per thread that ran last: fewest switches so far (Infinity: no such path). */
  readonly switches: number[];
  /** Per thread that ran last: the entry before, and which thread ran last there (-1: the start). */
  readonly from: Array<{ entry: Entry<S>; last: number } | null>;
}

/**
 * Among the schedules of exactly `depth` steps from `start` that end in a
 * state breaking claim `claim` (depth being the shortest there is), one with
 * the fewest thread switches; null if there is none. Every state on such a
 * schedule is at its breadth-first distance (a state reached late would give
 * a shorter violation), so the search walks the levels of a breadth-first
 * search and keeps, per state and per thread that ran last, the fewest
 * switches: exact, unlike a tie broken by the order of expansion.
 */
export function fewestSwitches<S>(sys: System<S>, start: S, depth: number, claim: number): number[] | null {
  const bit = 1 << claim;
  const n = sys.threads(start);
  const entry = (state: S): Entry<S> => ({
    state, broken: (sys.broken(state, bit) & bit) !== 0,
    switches: new Array<number>(n).fill(Number.POSITIVE_INFINITY), from: new Array(n).fill(null),
  });
  const earlier = new Set<number>([sys.fingerprint(start)]);
  const first = entry(start);
  let level = new Map<number, Entry<S>>([[sys.fingerprint(start), first]]);
  for (let d = 0; d < depth; d++) {
    const next = new Map<number, Entry<S>>();
    for (const e of level.values()) {
      const lasts = d === 0 ? [-1] : e.switches.flatMap((c, l) => (Number.isFinite(c) ? [l] : []));
      for (let t = 0; t < n; t++) {
        if (!sys.enabled(e.state, t)) continue;
        const succ = sys.step(e.state, t);
        const f = sys.fingerprint(succ);
        if (earlier.has(f)) continue;
        let to = next.get(f);
        if (to === undefined) next.set(f, (to = entry(succ)));
        for (const l of lasts) {
          const cost = (l < 0 ? 0 : e.switches[l]) + (l >= 0 && l !== t ? 1 : 0);
          if (cost < to.switches[t]) {
            to.switches[t] = cost;
            to.from[t] = { entry: e, last: l };
          }
        }
      }
    }
    for (const f of next.keys()) earlier.add(f);
    level = next;
  }
  let best: { entry: Entry<S>; last: number } | null = null;
  for (const e of level.values()) {
    if (!e.broken) continue;
    for (let t = 0; t < n; t++) if (e.switches[t] < (best === null ? Number.POSITIVE_INFINITY : best.entry.switches[best.last])) best = { entry: e, last: t };
  }
  if (best === null) return null;
  const schedule: number[] = [];
  for (let at: { entry: Entry<S>; last: number } | null = best; at !== null && at.last >= 0; at = at.entry.from[at.last]) schedule.push(at.last);
  return schedule.reverse();
}

/** Thread switches in a schedule: steps taken by another thread than the step before. */
export function switchesOf(schedule: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < schedule.length; i++) if (schedule[i] !== schedule[i - 1]) n++;
  return n;
}
