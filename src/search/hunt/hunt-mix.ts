import type { ShrunkCase } from '../../cases/case-format';
import { initialState, modelFor } from '../../run/initial-state';
import type { Scenario } from '../../run/scenario';
import type { HuntStrategy } from '../../schedulers/scheduler';
import { checkDeterminism, type Divergence } from './determinism-check';
import { type Cell, huntCell } from './hunt-cell';
import { huntLeads, type Lead, leadCollector } from './hunt-leads';

/** The mix when no strategy is chosen: the exhaustive search of small scenarios first, as it finds the most. */
export const HUNT_MIX: readonly HuntStrategy[] = ['exhaustive', 'preemption', 'random', 'pct'];

export interface MixOptions {
  /** Strategies taking turns, in this order. */
  readonly strategies: readonly HuntStrategy[];
  /** The cell's seed: turn r of the mix runs with seed + r. */
  readonly seed: number;
  /** Stop after this many milliseconds for the cell, if given (without it, the hunt is the same on every machine). */
  readonly budgetMs?: number;
  /** Stop after this many runs in all, if given. */
  readonly runs?: number;
  /** Scenarios other cells' exhaustive runs saw break this claim: searched first. */
  readonly leads?: readonly Scenario[];
  /** Collect leads for the other claims of the row (MixResult.leads). */
  readonly collectLeads?: boolean;
  /** States one exhaustive run may visit; default EXHAUSTIVE_STATES_PER_RUN (src/search/hunt-cell.ts). */
  readonly maxStatesPerRun?: number;
}

export interface MixResult {
  readonly found: boolean;
  /** The strategy whose turn found the failure. */
  readonly strategy: HuntStrategy | null;
  /** Runs of every turn up to the failure, or all runs made. */
  readonly runs: number;
  readonly msToFirstFailure: number | null;
  /** fast-check's shrunk length, and the breadth-first shortest for the shrunk scenario. */
  readonly shrunkSteps: number | null;
  readonly shortestSteps: number | null;
  readonly case: ShrunkCase | null;
  /** The determinism self-check of the case found: null when its two replays agree. */
  readonly nondeterminism: Divergence | null;
  /** Scenarios that broke other claims of the row on the way, if collected. */
  readonly leads: Lead[];
  /** Milliseconds the mix ran for this cell. */
  readonly elapsedMs: number;
}

/**
 * Runs one turn of each strategy takes: a scheduler run costs microseconds, an
 * exhaustive run (every interleaving of one scenario) milliseconds, so they
 * get about the same time a turn.
 */
const TURN_RUNS: Readonly<Record<HuntStrategy, number>> = { exhaustive: 40, preemption: 500, random: 500, pct: 500 };

/**
 * The exhaustive strategy draws exactly three threads beside the punch, the
 * explorer's default bound. Never fewer: its breadth-first search checks
 * every state, so a scenario's search covers every race of its sub-scenarios
 * (a thread may simply not run), and a fourth thread would outgrow the
 * per-run bound of states, so the run would end incomplete.
 */
const EXHAUSTIVE_THREADS = 3;

/**
 * Hunt one cell with several strategies taking turns, until one finds a
 * failure or the budget is spent. Which strategy finds a race first differs
 * from race to race (a read in the window needs one exact preemption, which
 * preemption bounding draws at once; three threads in one exact order need
 * the exhaustive search of a small scenario), so turns spread the budget over
 * all of them. The turns are fixed by the seed; only the time budget can
 * cut them at a different place on a slower machine.
 */
export function huntMix(cell: Cell, opts: MixOptions): MixResult {
  const start = performance.now();
  const searched = new Set<string>();
  const exhaustiveThreads = Math.min(cell.maxThreads ?? EXHAUSTIVE_THREADS, EXHAUSTIVE_THREADS);
  let runs = 0;
  const collector = leadCollector();
  const onLead = opts.collectLeads ? collector.add : undefined;
  const finish = (strategy: HuntStrategy, c: ShrunkCase, totalRuns: number, ms: number): MixResult => {
    const m = modelFor(c.scenario as Scenario, cell.variant);
    return {
      found: true, strategy, runs: totalRuns, msToFirstFailure: ms,
      shrunkSteps: c.origin.stepsAfterShrinking, shortestSteps: c.origin.shortestSteps, case: c,
      nondeterminism: checkDeterminism(m, initialState(m, c.scenario as Scenario), c.schedule), leads: collector.leads,
      elapsedMs: performance.now() - start,
    };
  };
  if (opts.leads !== undefined && opts.leads.length > 0) {
    const hit = huntLeads(cell, opts.leads);
    if (hit !== null) return finish('exhaustive', hit.case, hit.runs, hit.ms);
    runs += opts.leads.length;
  }
  for (let turn = 0; ; turn++) {
    for (const strategy of opts.strategies) {
      const left = (opts.budgetMs ?? Infinity) - (performance.now() - start);
      const runsLeft = opts.runs === undefined ? Infinity : opts.runs - runs;
      if (left <= 0 || runsLeft <= 0) {
        return { found: false, strategy: null, runs, msToFirstFailure: null, shrunkSteps: null, shortestSteps: null, case: null, nondeterminism: null, leads: collector.leads, elapsedMs: performance.now() - start };
      }
      const turnCell = strategy === 'exhaustive' ? { ...cell, minThreads: exhaustiveThreads, maxThreads: exhaustiveThreads } : cell;
      const before = performance.now() - start;
      const r = huntCell(turnCell, { strategy, seed: opts.seed + turn, runs: Math.min(TURN_RUNS[strategy], runsLeft), budgetMs: Number.isFinite(left) ? left : undefined, searched, onLead, maxStatesPerRun: opts.maxStatesPerRun });
      if (r.found && r.case !== null) {
        const ms = Math.round((before + (r.msToFirstFailure ?? 0)) * 100) / 100;
        const origin = r.case.origin;
        return finish(strategy, { ...r.case, origin: { ...origin, runs: runs + r.runs, msToFirstFailure: ms } }, runs + r.runs, ms);
      }
      runs += r.runs;
    }
  }
}
