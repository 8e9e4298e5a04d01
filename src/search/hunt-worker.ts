/**
 * A hunt worker, one per core (`npm run hunt` forks them): it receives one
 * planned cell at a time over IPC, hunts it with the strategy mix, and sends
 * the result back. Saving cases is left to the parent, the single writer.
 */
import type { Scenario } from '../run/scenario';
import type { HuntStrategy } from '../schedulers/scheduler';
import type { PlannedCell } from './hunt-plan';
import { huntMix, type MixResult } from './hunt-mix';

export interface WorkerTask {
  readonly index: number;
  readonly cell: PlannedCell;
  readonly strategies: readonly HuntStrategy[];
  readonly budgetMs?: number;
  readonly runs?: number;
  readonly leads?: readonly Scenario[];
  readonly collectLeads?: boolean;
  readonly seedOffset?: number;
  readonly maxStatesPerRun?: number;
}

export interface WorkerReply {
  readonly index: number;
  readonly result: MixResult;
}

process.on('message', (task: WorkerTask) => {
  const { cell } = task;
  const result = huntMix(
    { variant: cell.variant, claim: cell.claim, blocksPerPage: cell.blocksPerPage, mount: cell.mount, ops: cell.ops, pages: cell.pages, maxThreads: cell.maxThreads },
    {
      strategies: task.strategies, seed: cell.seed + (task.seedOffset ?? 0), budgetMs: task.budgetMs, runs: task.runs,
      leads: task.leads, collectLeads: task.collectLeads, maxStatesPerRun: task.maxStatesPerRun,
    },
  );
  process.send?.({ index: task.index, result } satisfies WorkerReply);
});
