import { T_PC } from '../model/layout';
import { acquire, canAcquire, release } from '../model/locks';
import type { Effect, Program, Step } from '../model/program';
import type { State } from '../model/state';
import { lockOf } from '../variants/lock-table';
import type { Region, Variant } from '../variants/variant';
import { lockStepName } from './lock-sites';
import { ALWAYS } from './program';
import { stepIndex } from './rechecks';

/** The region field each inserted lock step comes from ("regions.0.locks.1"), for the lock-order check. */
export const REGION_STEPS = new WeakMap<Step, string>();

/** Where a region's ends are in a program's main flow, or why they are not. */
export function regionEnds(p: Program, r: Pick<Region, 'from' | 'to'>): { from: number; to: number } | { field: 'from' | 'to'; problem: string } {
  const from = stepIndex(p, r.from);
  if (typeof from === 'string') return { field: 'from', problem: from };
  const to = stepIndex(p, r.to);
  if (typeof to === 'string') return { field: 'to', problem: to };
  if (to < from) return { field: 'to', problem: `"${r.to}" comes before "${r.from}" in ${p.op}` };
  return { from, to };
}

/**
 * A program with one region of locks: the region's locks are taken, one
 * step each, before its `from` step and released after its `to` step, in
 * reverse. However the thread moves, it holds them exactly while it is
 * inside: a step inside that jumps out (a retry, an early exit, the end)
 * releases them in that step, as the kernel's unlock-and-goto paths do;
 * a jump from outside to a step inside goes first through steps that take
 * them (one out-of-line block per such target). The program's labels are
 * moved with their steps.
 */
export function withRegion(p: Program, r: Region, field: string, v: Variant): Program {
  const ends = regionEnds(p, r);
  if ('problem' in ends) throw new Error(`${field}.${ends.field}: ${ends.problem}`);
  const { from: f, to: t } = ends;
  const k = r.locks.length;
  const n = p.steps.length;
  const locks = r.locks.map((u) => ({ ...u, ...lockOf(v, u.lock) }));
  const inside = (pc: number): boolean => pc >= f + k && pc <= t + k;
  const targets = [...new Set((p.labels ?? []).map((l) => l.pc).filter((pc) => pc > f && pc <= t))].sort((a, b) => a - b);
  const length = n + 2 * k + targets.length * k;
  const moved = (pc: number): number => (pc >= n ? length : pc <= f ? pc : pc <= t ? pc + k : pc + 2 * k);
  const entry = new Map(targets.map((pc, j) => [pc + k, n + 2 * k + j * k]));

  const releaseAll = (s: State): void => {
    for (let j = k - 1; j >= 0; j--) release(s, locks[j].word, locks[j].mode);
  };
  // Falling off the last step of the program reaches the end, not the entry blocks placed after it.
  const settle = (s: State, th: number): void => {
    if (targets.length > 0 && s[th + T_PC] === n + 2 * k) s[th + T_PC] = length;
  };
  const take = (j: number, then?: number): Step => {
    const { lock, mode, kind, word } = locks[j];
    const step: Step = {
      name: lockStepName(lock, mode, true, kind), guard: (s) => canAcquire(s, word, mode),
      effect: (s, th) => {
        acquire(s, word, mode);
        if (then !== undefined) s[th + T_PC] = then;
      },
    };
    REGION_STEPS.set(step, `${field}.locks.${j}`);
    return step;
  };
  const drop = (j: number): Step => {
    const { lock, mode, kind, word } = locks[j];
    const step: Step = {
      name: lockStepName(lock, mode, false, kind), guard: ALWAYS,
      effect: (s, th) => {
        release(s, word, mode);
        settle(s, th);
      },
    };
    REGION_STEPS.set(step, `${field}.locks.${j}`);
    return step;
  };
  // A step inside that leaves (not into the release steps, the way out in order) drops the locks; a step outside that
  // jumps in goes through the entry that takes them.
  const within = (e: Effect): Effect => (s, th, m) => {
    e(s, th, m);
    const pc = s[th + T_PC];
    if (!inside(pc) && pc !== t + k + 1) releaseAll(s);
    settle(s, th);
  };
  const without = (e: Effect): Effect => (s, th, m) => {
    e(s, th, m);
    const pc = s[th + T_PC];
    if (inside(pc) && pc !== f + k) s[th + T_PC] = entry.get(pc)!;
    settle(s, th);
  };
  const wrap = (step: Step, i: number): Step => {
    const wrapped = { ...step, effect: i >= f && i <= t ? within(step.effect) : without(step.effect) };
    const from = REGION_STEPS.get(step);
    if (from !== undefined) REGION_STEPS.set(wrapped, from);
    return wrapped;
  };

  const steps = [
    ...p.steps.slice(0, f).map(wrap),
    ...locks.map((_l, j) => take(j)),
    ...p.steps.slice(f, t + 1).map((s, i) => wrap(s, f + i)),
    ...locks.map((_l, j) => drop(k - 1 - j)),
    ...p.steps.slice(t + 1).map((s, i) => wrap(s, t + 1 + i)),
    ...targets.flatMap((pc) => locks.map((_l, j) => take(j, j === k - 1 ? pc + k : undefined))),
  ];
  for (const label of p.labels ?? []) label.pc = moved(label.pc);
  return { op: p.op, steps, labels: p.labels, mainLength: (p.mainLength ?? n) + 2 * k };
}
