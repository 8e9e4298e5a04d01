/**
 * A hunt worker of the pool (src/pool), one per core: it receives one
 * planned cell at a time, hunts it with the strategy mix, and sends
 * the result back. Saving cases is left to the parent, the single writer.
 */
import { serveTasks } from '../../pool/worker-pool';
import type { Scenario } from '../../run/scenario';
import type { HuntStrategy } from '../../schedulers/scheduler';
import type { PlannedCell } from './hunt-plan';
import { huntMix, type MixResult } from './hunt-mix';

export interface WorkerTask {
  readonly cell: PlannedCell;
  readonly strategies: readonly HuntStrategy[];
  readonly budgetMs?: number;
  readonly runs?: number;
  readonly leads?: readonly Scenario[];
  readonly collectLeads?: boolean;
  readonly seedOffset?: number;
  readonly maxStatesPerRun?: number;
}

serveTasks((task: WorkerTask): MixResult => {
  const { cell } = task;
  return huntMix(
    { variant: cell.variant, claim: cell.claim, blocksPerPage: cell.blocksPerPage, mount: cell.mount, ops: cell.ops, pages: cell.pages, maxThreads: cell.maxThreads, userBuffers: cell.userBuffers },
    {
      strategies: task.strategies, seed: cell.seed + (task.seedOffset ?? 0), budgetMs: task.budgetMs, runs: task.runs,
      leads: task.leads, collectLeads: task.collectLeads, maxStatesPerRun: task.maxStatesPerRun,
    },
  );
});
