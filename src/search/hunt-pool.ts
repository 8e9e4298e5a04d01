import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../run/scenario';
import type { HuntStrategy } from '../schedulers/scheduler';
import type { PlannedCell } from './hunt-plan';
import type { WorkerReply, WorkerTask } from './hunt-worker';

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

/** Hand the cells out to `jobs` forked workers, one at a time each, and collect the results in plan order. */
export function huntOnWorkers(
  cells: readonly PlannedCell[], jobs: number, opts: PoolOptions,
  onResult: (done: number, r: WorkerReply['result']) => void,
): Promise<Array<WorkerReply['result']>> {
  const results: Array<WorkerReply['result']> = new Array(cells.length);
  if (cells.length === 0) return Promise.resolve(results);
  const script = fileURLToPath(new URL('./hunt-worker.ts', import.meta.url));
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    for (let j = 0; j < jobs; j++) {
      const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const give = () => {
        if (next >= cells.length) {
          child.disconnect();
          return;
        }
        const { leads, ...rest } = opts;
        const task: WorkerTask = { index: next, cell: cells[next], ...rest, leads: leads?.[next] };
        next++;
        child.send(task);
      };
      child.on('message', (reply: WorkerReply) => {
        results[reply.index] = reply.result;
        done++;
        onResult(done, reply.result);
        if (done === cells.length) resolve(results);
        give();
      });
      child.on('exit', (code) => {
        if (code !== 0 && done < cells.length) reject(new Error(`hunt worker exited with code ${code}`));
      });
      give();
    }
  });
}
