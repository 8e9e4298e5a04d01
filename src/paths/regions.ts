import { T_PC } from '../model/layout';
import { type LockKind, type LockMode } from '../model/locks';
import { lockTake } from '../model/rwsem-queue';
import { dropLock, holdsLock } from '../model/lock-ownership';
import type { Effect, Program, RegionSpan, Step } from '../model/program';
import type { State } from '../model/state';
import { lockOf } from '../variants/lock-table';
import type { Region, Variant } from '../variants/variant';
import { lockStepName } from './lock-sites';
import { ALWAYS } from './program';

/** The field each inserted lock step comes from ("regions.0.locks.1", "locks.write.0"), for the lock-order check. */
export const REGION_STEPS = new WeakMap<Step, string>();

/** Where a region's ends are in a program's main flow (a name more than one step: the first, after `after` if given), or why they are not. */
export function regionEnds(p: Program, r: Pick<Region, 'from' | 'to' | 'after'>): { from: number; to: number } | { field: 'from' | 'to' | 'after'; problem: string } {
  const main = p.steps.slice(0, p.mainLength ?? p.steps.length).map((s) => s.name);
  const missing = (name: string) => `"${name}" is not a step of ${p.op} (its steps: ${[...new Set(main)].join(', ')})`;
  const start = r.after === undefined ? 0 : main.indexOf(r.after) + 1;
  if (start === 0 && r.after !== undefined) return { field: 'after', problem: missing(r.after) };
  const from = main.indexOf(r.from, start);
  if (from < 0) return { field: 'from', problem: main.includes(r.from) ? `"${r.from}" is not a step of ${p.op} after "${r.after}"` : missing(r.from) };
  const to = main.indexOf(r.to, from);
  if (to < 0) return { field: 'to', problem: main.includes(r.to) ? `"${r.to}" comes before "${r.from}" in ${p.op}` : missing(r.to) };
  return { from, to };
}

/** A position in a program that later regions move with its step (they move every label of p.labels). */
type Mark = { pc: number; readonly name: string };

/**
 * A program with one region of locks, held exactly while the thread is
 * inside (a named lock site is such a region: variants/site-regions.ts):
 * the locks are taken, one step each, before the `from` step and released,
 * one step each in reverse, after the `to` step. A step inside that jumps
 * out (a retry, an early exit, the end) goes first through steps that
 * release them, then on to where it jumped (one out-of-line block per
 * label outside: the kernel's unlock-and-goto); a jump from outside to a step inside goes first through
 * steps that take them. The out-of-line blocks the path had already (an
 * exit that stops the journal handle, say) are neither inside nor outside:
 * the thread keeps what it holds there, and where such a block jumps back
 * into the main flow the locks the thread holds (model/lock-ownership.ts)
 * decide whether it enters or leaves. An earlier region's blocks of ways
 * in and out are inside this one if that region is, outside if the two are
 * apart, and decided by the locks held if that region encloses this one.
 * Every position is a label or a mark, so a later region on the same path
 * moves them all.
 */
export function withRegion(p: Program, r: Region, field: string, v: Variant, lockField = (j: number) => `${field}.locks.${j}`): Program {
  const ends = regionEnds(p, r);
  if ('problem' in ends) throw new Error(`${field}.${ends.field}: ${ends.problem}`);
  const { from: f, to: t } = ends;
  const k = r.locks.length;
  const n = p.steps.length;
  const main = p.mainLength ?? n;
  const labels: Mark[] = [...(p.labels ?? [])];
  const end = labels.find((l) => l.name === 'end') ?? { pc: n, name: 'end' };
  const marks: Mark[] = [...(p.marks ?? [])];
  const spans = p.spans ?? [];
  // An earlier region's blocks are inside this one when that region is, beside it when the two are apart; where that
  // region encloses this one, what the thread holds decides, as in the path's own out-of-line blocks.
  const placeOf = (sp: RegionSpan): 'inside' | 'apart' | 'holding' =>
    sp.take.pc >= f && sp.after.pc - 1 <= t ? 'inside' : sp.after.pc - 1 < f || sp.take.pc > t ? 'apart' : 'holding';
  const locks = r.locks.map((u) => ({ ...u, ...lockOf(v, u.lock) }));
  const pcs = [...new Set([...labels.map((l) => l.pc), n])].sort((a, b) => a - b);
  // Only a step outside can jump in: a region over the whole of a path with no blocks of its own needs no way in.
  const outside = f > 0 || t < main - 1 || main < n;
  const entryPcs = outside ? pcs.filter((pc) => pc > f && pc <= t) : [];
  // Where `to` is the main flow's last step, the end is right after its release steps: no block of its own.
  const last = t === main - 1;
  const exitPcs = pcs.filter((pc) => pc < f || (pc > t + 1 && pc < main) || (pc === n && !last));
  const length = n + 2 * k + (entryPcs.length + exitPcs.length) * k;
  const moved = (pc: number): number => (pc >= n ? length : pc <= f ? pc : pc <= t ? pc + k : pc + 2 * k);
  const mark = (name: string, pc: number): Mark => ({ pc, name: `${field}-${name}` });

  const take = mark('take', f);
  const inFrom = mark('from', f + k);
  const drop = mark('drop', t + k + 1);
  const after = t + 1 < main ? mark('after', t + 1 + 2 * k) : null;
  const aside = { from: mark('aside', main + 2 * k), to: mark('aside-end', n + 2 * k) };
  const entries = entryPcs.map((pc, j) => ({ target: mark(`entry-${j}-target`, pc + k), block: mark(`entry-${j}`, n + 2 * k + j * k) }));
  const exits = exitPcs.map((pc, j) => ({
    target: pc === n ? end : mark(`exit-${j}-target`, moved(pc)),
    block: mark(`exit-${j}`, n + 2 * k + (entryPcs.length + j) * k),
  }));
  // Before anything moves: where each of the path's out-of-line steps lies relative to this region.
  const asidePlaces = Array.from({ length: n - main }, (_, j) => {
    const sp = spans.find((x) => main + j >= x.blocks.pc && main + j < x.blocks.pc + x.count);
    return sp === undefined ? 'holding' : placeOf(sp);
  });
  for (const label of [...labels, ...marks]) label.pc = moved(label.pc);
  if (!labels.includes(end)) end.pc = length;

  const { within, without, besides } = regionWays(
    { take, inFrom, drop, after, last, end, aside, entries, exits, where: `${field}: a step of ${p.op}` },
    (st, th, m) => holdsLock(st, m, th, locks[0].word, locks[0].mode),
  );

  const asideWay = (i: number): ((e: Effect) => Effect) => {
    const place = asidePlaces[i - main];
    return place === 'inside' ? within : place === 'apart' ? without : besides;
  };
  const wrap = (step: Step, i: number): Step => {
    const how = i >= main ? asideWay(i) : i >= f && i <= t ? within : without;
    const wrapped = { ...step, effect: how(step.effect) };
    const from = REGION_STEPS.get(step);
    if (from !== undefined) REGION_STEPS.set(wrapped, from);
    return wrapped;
  };
  const { takes, drops } = regionLockSteps(locks, lockField);

  const steps = [
    ...p.steps.slice(0, f).map(wrap),
    ...takes(),
    ...p.steps.slice(f, t + 1).map((s, i) => wrap(s, f + i)),
    ...drops(),
    ...p.steps.slice(t + 1).map((s, i) => wrap(s, t + 1 + i)),
    ...entries.flatMap((e) => takes(e.target)),
    ...exits.flatMap((e) => drops(e.target)),
  ];
  finishAtTheEnd(steps, main + 2 * k, end);
  const own = [take, inFrom, drop, ...(after ? [after] : []), aside.from, aside.to, ...entries.flatMap((e) => [e.target, e.block]), ...exits.flatMap((e) => (e.target === end ? [e.block] : [e.target, e.block]))];
  // The region's start and its release steps are where its own wrappers send a thread (a jump back to the start, a jump
  // to the end from its last step): places a later region's steps may jump to, so they are labels to it.
  const sentTo = [inFrom, drop];
  const span = { take, after: mark('after-drops', t + 2 * k + 1), blocks: mark('blocks', n + 2 * k), count: (entries.length + exits.length) * k };
  return {
    op: p.op, steps, labels: [...labels, ...(labels.includes(end) ? [] : [end]), ...sentTo],
    marks: [...marks, ...own.filter((x) => !sentTo.includes(x)), span.after, span.blocks], mainLength: main + 2 * k,
    spans: [...spans, span],
  };
}

type Way = { readonly target: Mark; readonly block: Mark };

/** Where a placed region is, for its wrappers: its marks, its ways in and out, and the words of its errors. */
interface Places {
  readonly take: Mark;
  readonly inFrom: Mark;
  readonly drop: Mark;
  /** The step after `to` in the main flow, or null when `to` is its last. */
  readonly after: Mark | null;
  readonly last: boolean;
  readonly end: Mark;
  readonly aside: { readonly from: Mark; readonly to: Mark };
  readonly entries: readonly Way[];
  readonly exits: readonly Way[];
  readonly where: string;
}

/**
 * The region's wrappers of the path's steps: `within` for a step inside
 * (a jump back to the start stays inside; any other jump out leaves through
 * the release steps), `without` for one outside (a jump in enters through
 * the steps that take the locks), `besides` for an out-of-line step (the
 * locks the thread holds decide, by `holds`).
 */
function regionWays(at: Places, holds: (s: State, th: number, m: Parameters<Effect>[2]) => boolean): Record<'within' | 'without' | 'besides', (e: Effect) => Effect> {
  const isInside = (q: number): boolean => q >= at.inFrom.pc && q <= at.drop.pc;
  const isAside = (q: number): boolean => q >= at.aside.from.pc && q < at.aside.to.pc;
  const blockFor = (q: number, via: readonly Way[], way: string): number => {
    const found = via.find((e) => e.target.pc === q);
    if (found === undefined) throw new Error(`${at.where} ${way} the region at pc ${q}, not at a label`);
    return found.block.pc;
  };
  const leave = (q: number): number => ((at.after !== null && q === at.after.pc) || (at.last && q === at.end.pc) ? at.drop.pc : blockFor(q, at.exits, 'left'));
  return {
    within: (e) => (s, th, m) => {
      e(s, th, m);
      const q = s[th + T_PC];
      if (isInside(q) || isAside(q)) return;
      s[th + T_PC] = q === at.take.pc ? at.inFrom.pc : leave(q);
    },
    without: (e) => (s, th, m) => {
      e(s, th, m);
      const q = s[th + T_PC];
      if (isInside(q) && q !== at.drop.pc) s[th + T_PC] = blockFor(q, at.entries, 'entered');
    },
    besides: (e) => (s, th, m) => {
      e(s, th, m);
      const q = s[th + T_PC];
      if (isAside(q)) return;
      const holding = holds(s, th, m);
      if (holding && q === at.take.pc) s[th + T_PC] = at.inFrom.pc;
      else if (holding && !isInside(q)) s[th + T_PC] = leave(q);
      else if (!holding && isInside(q) && q !== at.drop.pc) s[th + T_PC] = blockFor(q, at.entries, 'entered');
    },
  };
}

type RegionLock = { readonly lock: string; readonly mode: LockMode; readonly kind: LockKind; readonly word: number };

/**
 * A region's lock steps: `takes` one a lock in order, `drops` one a lock in
 * reverse. Without `then`, the steps of the main flow; with it, a block's
 * (a way in or out), whose last step goes on to `then` and whose steps are
 * spare.
 */
function regionLockSteps(locks: readonly RegionLock[], lockField: (j: number) => string): { takes: (then?: Mark) => Step[]; drops: (then?: Mark) => Step[] } {
  const lockStep = (j: number, acquiring: boolean, then?: Mark): Step => {
    const { lock, mode, kind, word } = locks[j];
    const name = lockStepName(lock, mode, acquiring, kind);
    const take = lockTake(word, mode, kind);
    const step: Step = acquiring
      ? { name, ...take, effect: (s, th, m) => {
        take.effect(s, th, m);
        if (then !== undefined) s[th + T_PC] = then.pc;
      } }
      : { name, guard: ALWAYS, effect: (s, th, m) => {
        dropLock(s, m, th, word, mode, name);
        if (then !== undefined) s[th + T_PC] = then.pc;
      } };
    REGION_STEPS.set(step, lockField(j));
    return step;
  };
  const k = locks.length;
  const block = (st: Step, then?: Mark): Step => (then === undefined ? st : spare(st));
  return {
    takes: (then) => locks.map((_l, j) => block(lockStep(j, true, j === k - 1 ? then : undefined), then)),
    drops: (then) => locks.map((_l, j) => block(lockStep(k - 1 - j, false, j === k - 1 ? then : undefined), then)),
  };
}

/** A step of an entry or exit block, which no jump of the path may need. */
function spare(step: Step): Step {
  const marked = { ...step, spare: true };
  REGION_STEPS.set(marked, REGION_STEPS.get(step)!);
  return marked;
}

/**
 * The main flow's last step goes to the end, not on into the blocks placed
 * after it, as the builder makes it (src/paths/program.ts build); its own
 * effect may still jump elsewhere.
 */
function finishAtTheEnd(steps: Step[], mainLength: number, end: Mark): void {
  if (mainLength === 0 || mainLength === steps.length) return;
  const last = steps[mainLength - 1];
  const finished: Step = { ...last, effect: (s, th, m) => {
    s[th + T_PC] = end.pc;
    last.effect(s, th, m);
  } };
  const from = REGION_STEPS.get(last);
  if (from !== undefined) REGION_STEPS.set(finished, from);
  steps[mainLength - 1] = finished;
}
