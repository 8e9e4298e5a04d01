import type { Mount } from '../model/mount';
import { onWorkers } from '../pool/worker-pool';
import type { ExploreCell } from '../search/explore/explore-cells';

/** One explored cell as `npx punch-hunt explore --json` prints it: the case as its path. */
export type ExploredCellJson = Pick<ExploreCell, 'variant' | 'mount' | 'claim' | 'blocksPerPage' | 'verdict' | 'states' | 'collisionBound' | 'unreached' | 'transitions' | 'elapsedMs' | 'shortestSteps'> & {
  readonly case: string | null;
};

export interface ExploreTask {
  /** A built-in variant's name, or a variant file. */
  readonly variant?: string;
  readonly variantFile?: string;
  /** Default: explore's own (data=ordered). */
  readonly mount?: Mount;
  readonly blocksPerPage: number;
  readonly threads: number;
  readonly pages: number;
  readonly maxStates: number;
  /** The worker's memory guard (memory-guard.ts); default its own. */
  readonly maxMemoryMb?: number;
  /** Where cases go; default explore's own (out/cases). */
  readonly out?: string;
  /** Writes and reads with their buffer in a mapping of foo too (explore --user-buffers). */
  readonly userBuffers?: boolean;
  /** Skip the variant file's checks at load (explore --load-checks off): a mutant breaks them on purpose. */
  readonly unchecked?: boolean;
}

/** The task as explore's command line, which the worker parses as the command would: the same checks, the same defaults. */
export function exploreArgs(t: ExploreTask): string[] {
  return [
    ...(t.variant !== undefined ? ['--variant', t.variant] : []),
    ...(t.variantFile !== undefined ? ['--variant-file', t.variantFile] : []),
    ...(t.mount !== undefined ? ['--mount', t.mount] : []),
    '--blocks-per-page', String(t.blocksPerPage), '--threads', String(t.threads), '--pages', String(t.pages),
    // One thread a family: the pool already runs a family a core.
    '--max-states', String(t.maxStates), '--jobs', '1', '--json', ...(t.out !== undefined ? ['--out', t.out] : []),
    ...(t.maxMemoryMb !== undefined ? ['--max-memory-mb', String(t.maxMemoryMb)] : []),
    ...(t.userBuffers === true ? ['--user-buffers'] : []),
    ...(t.unchecked === true ? ['--load-checks', 'off'] : []),
  ];
}

/**
 * Explore each task on the pool, `jobs` at a time, each in a fresh worker
 * (explore-worker.ts), so several families run at once, one per core, and
 * each gives its memory back when done. Results in task order.
 */
export function exploreOnWorkers(
  tasks: readonly ExploreTask[], jobs: number, onResult?: (task: ExploreTask, cells: ExploredCellJson[]) => void,
): Promise<ExploredCellJson[][]> {
  return onWorkers<ExploreTask, ExploredCellJson[]>(new URL('./explore-worker.ts', import.meta.url), tasks, {
    jobs, fresh: true, onResult: (_done, cells, k) => onResult?.(tasks[k], cells),
  });
}
