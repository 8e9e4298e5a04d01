import type { Scenario } from '../../run/scenario';
import type { HuntStrategy } from '../../schedulers/scheduler';
import type { MixResult } from './hunt-mix';
import { type PlannedCell, rowOf } from './hunt-plan';
import { huntOnWorkers, type PoolOptions } from './hunt-on-workers';

export interface PassOptions {
  readonly strategies: readonly HuntStrategy[];
  /** Per cell, over both passes. */
  readonly budgetMs?: number;
  readonly runs?: number;
}

/** The first pass's share of each cell's budget. */
const FIRST_SHARE = 0.6;

/** Turns of the first pass stay below this, so the second pass's seeds draw other scenarios. */
const SECOND_PASS_SEED = 1_000_003;

/**
 * Hunt in two passes (and a third for late leads). In the first, every cell gets 60% of its budget, and
 * every exhaustive run watches all the claims, so a scenario drawn for one
 * cell that breaks another claim of the same variant and geometry becomes a
 * lead for that claim's cell. In the second, each cell not yet broken gets
 * the rest of its budget and starts from the leads for it: a race that
 * needs one rare scenario is found by the exhaustive work of its whole row
 * (six cells), not of its own cell alone. Leads the second pass finds for
 * cells still open are searched last, with no further budget. The budget
 * per cell is the same as in one pass; only where it lands changes.
 */
export async function huntInPasses(
  cells: readonly PlannedCell[], jobs: number, opts: PassOptions, onPass: (pass: 1 | 2 | 3, cellsInPass: number) => void,
  onResult: (r: MixResult) => void,
): Promise<MixResult[]> {
  const share = (x: number | undefined, f: number) => (x === undefined ? undefined : Math.max(1, Math.round(x * f)));
  /** Leads for cell c found by the given results of (a subset of) the cells. */
  const leadsFor = (c: PlannedCell, from: ReadonlyArray<{ cell: PlannedCell; r: MixResult }>): Scenario[] =>
    from.flatMap(({ cell, r }) => (rowOf(cell) === rowOf(c) ? r.leads.filter((l) => l.claim === c.claim).map((l) => l.scenario) : []));
  const results: MixResult[] = [];
  const pass = async (n: 1 | 2 | 3, indices: number[], o: Omit<PoolOptions, 'leads'>, leads?: (k: number) => Scenario[]) => {
    onPass(n, indices.length);
    const out = await huntOnWorkers(indices.map((k) => cells[k]), jobs, { ...o, leads: leads ? indices.map(leads) : undefined }, (_d, r) => onResult(r));
    indices.forEach((k, j) => {
      results[k] = results[k] === undefined ? out[j] : joinPasses(results[k], out[j]);
    });
    return indices.map((k, j) => ({ cell: cells[k], r: out[j] }));
  };
  const all = cells.map((_c, k) => k);
  const unfound = () => all.filter((k) => !results[k].found);
  const first = await pass(1, all, { strategies: opts.strategies, budgetMs: share(opts.budgetMs, FIRST_SHARE), runs: share(opts.runs, FIRST_SHARE), collectLeads: true });
  const second = await pass(
    2, unfound(),
    { strategies: opts.strategies, budgetMs: share(opts.budgetMs, 1 - FIRST_SHARE), runs: share(opts.runs, 1 - FIRST_SHARE), seedOffset: SECOND_PASS_SEED, collectLeads: true },
    (k) => leadsFor(cells[k], first),
  );
  // Leads the second pass found for cells still open: searched, nothing else (no budget is left).
  const open = unfound().filter((k) => leadsFor(cells[k], second).length > 0);
  if (open.length > 0) await pass(3, open, { strategies: opts.strategies, runs: 0 }, (k) => leadsFor(cells[k], second));
  return results;
}

/** A cell's two passes as one result: runs and milliseconds count from the start of the first. */
function joinPasses(a: MixResult, b: MixResult): MixResult {
  const runs = a.runs + b.runs;
  if (!b.found || b.case === null) return { ...b, runs, elapsedMs: a.elapsedMs + b.elapsedMs, leads: [] };
  const ms = Math.round((a.elapsedMs + (b.msToFirstFailure ?? 0)) * 100) / 100;
  return {
    ...b, runs, msToFirstFailure: ms, elapsedMs: a.elapsedMs + b.elapsedMs, leads: [],
    case: { ...b.case, origin: { ...b.case.origin, runs, msToFirstFailure: ms } },
  };
}
