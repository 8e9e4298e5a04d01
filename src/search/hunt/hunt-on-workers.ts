import { onWorkers } from '../../pool/worker-pool';
import type { Scenario } from '../../run/scenario';
import type { HuntStrategy } from '../../schedulers/scheduler';
import type { MixResult } from './hunt-mix';
import type { PlannedCell } from './hunt-plan';
import type { WorkerTask } from './hunt-worker';

export interface PoolOptions {
  readonly strategies: readonly HuntStrategy[];
  readonly budgetMs?: number;
  readonly runs?: number;
  /** Per cell (by index), scenarios to search first. */
  readonly leads?: ReadonlyArray<readonly Scenario[]>;
  /** Collect leads for the other claims of each cell's row. */
  readonly collectLeads?: boolean;
  /** Added to each cell's seed (a second pass draws other scenarios than the first). */
  readonly seedOffset?: number;
  /** States one exhaustive run may visit (MixOptions). */
  readonly maxStatesPerRun?: number;
}

/** Hunt the cells on `jobs` workers of the pool (hunt-worker.ts), one cell at a time each; results in plan order. */
export function huntOnWorkers(
  cells: readonly PlannedCell[], jobs: number, opts: PoolOptions, onResult: (done: number, r: MixResult) => void,
): Promise<MixResult[]> {
  const { leads, ...rest } = opts;
  const tasks = cells.map((cell, k): WorkerTask => ({ cell, ...rest, leads: leads?.[k] }));
  return onWorkers<WorkerTask, MixResult>(new URL('./hunt-worker.ts', import.meta.url), tasks, { jobs, onResult: (done, r) => onResult(done, r) });
}
