import type { ClaimName } from '../src/claims/claim';
import { CLAIMS } from '../src/claims/index';
import type { Model } from '../src/model/model';
import type { State } from '../src/model/state';
import { initialState, modelFor } from '../src/run/initial-state';
import { run, type RunResult } from '../src/run/runner';
import type { Scenario } from '../src/run/scenario';
import type { Variant } from '../src/variants/variant';
import { builtinVariant } from '../src/variants/resolve-variant';

/** A scenario with test defaults: two pages of two blocks, nothing cached, the first page punched. */
export function scenario(over: Partial<Scenario> = {}): Scenario {
  const blocksPerPage = over.blocksPerPage ?? 2;
  const pages = over.pages ?? 2;
  return {
    variant: 'ext4-5.15',
    mount: 'data=writeback',
    layout: 'contiguous',
    cache: Array.from({ length: pages }, () => 'none' as const),
    punch: { start: 0, length: blocksPerPage },
    threads: [],
    ...over,
    blocksPerPage,
    pages,
  };
}

export interface Setup {
  readonly m: Model;
  readonly s0: State;
}

export function setup(sc: Scenario, variant?: Variant): Setup {
  const m = modelFor(sc, variant ?? builtinVariant(sc.variant));
  return { m, s0: initialState(m, sc) };
}

/** Run a schedule exactly (strict), recording the trace. */
export function exact(sc: Scenario, schedule: number[], claims?: ClaimName[], variant?: Variant): RunResult {
  const { m, s0 } = setup(sc, variant);
  return run(m, s0, schedule, { strict: true, trace: true, claims });
}

/** The step names a run took, per thread. */
export function names(r: RunResult, thread?: number): string[] {
  return r.trace.filter((e) => thread === undefined || e.thread === thread).map((e) => e.name);
}

/** `n` copies of thread t: schedules read as runs of one thread. */
export function times(t: number, n: number): number[] {
  return Array.from({ length: n }, () => t);
}

export function check(claim: ClaimName, s: State, m: Model): string | null {
  return CLAIMS[claim].check(s, m);
}
