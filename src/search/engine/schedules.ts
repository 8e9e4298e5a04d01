import type { System } from './system';

/** Thread switches in a schedule: steps taken by another thread than the step before. */
export function switchesOf(schedule: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < schedule.length; i++) if (schedule[i] !== schedule[i - 1]) n++;
  return n;
}

/**
 * A schedule found with symmetry names the threads of canonical states;
 * this gives the schedule of the real run from `start`: it replays the
 * canonical states beside the real ones and carries the renaming along
 * (each canonical form renames the threads of its state). `copy` clones a
 * state, since canonical works in place.
 */
export function realSchedule<S>(sys: System<S>, start: S, schedule: readonly number[], copy: (s: S) => S): number[] {
  if (sys.canonical === undefined) return [...schedule];
  let canon = copy(start);
  let toCanon: number[] = [];
  sys.canonical(canon, toCanon);
  const out: number[] = [];
  for (const t of schedule) {
    out.push(toCanon.indexOf(t));
    canon = sys.step(canon, t);
    const renamed: number[] = [];
    sys.canonical(canon, renamed);
    toCanon = toCanon.map((c) => renamed[c]);
  }
  return out;
}
