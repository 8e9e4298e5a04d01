import { execFile } from 'node:child_process';
import type { Mount } from '../model/mount';
import type { ExploreCell } from './explore-cells';

/** One explored cell as `npm run explore -- --json` prints it: the case as its path. */
export type ExploredCellJson = Pick<ExploreCell, 'variant' | 'mount' | 'claim' | 'blocksPerPage' | 'verdict' | 'states' | 'transitions' | 'elapsedMs' | 'shortestSteps'> & {
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
  /** The child's memory guard (memory-guard.ts); default its own. */
  readonly maxMemoryMb?: number;
  /** Where cases go; default explore's own (out/cases). */
  readonly out?: string;
}

/** Explore one variant and geometry in its own `explore` process, so several run at once, one per core. */
export function exploreInChild(t: ExploreTask): Promise<ExploredCellJson[]> {
  const args = [
    '--import', 'tsx', 'src/cli/punch-hunt.ts', 'explore',
    ...(t.variant !== undefined ? ['--variant', t.variant] : []),
    ...(t.variantFile !== undefined ? ['--variant-file', t.variantFile] : []),
    ...(t.mount !== undefined ? ['--mount', t.mount] : []),
    '--blocks-per-page', String(t.blocksPerPage), '--threads', String(t.threads), '--pages', String(t.pages),
    '--max-states', String(t.maxStates), '--json', ...(t.out !== undefined ? ['--out', t.out] : []),
    ...(t.maxMemoryMb !== undefined ? ['--max-memory-mb', String(t.maxMemoryMb)] : []),
  ];
  const name = `${t.variant ?? t.variantFile}${t.mount === undefined ? '' : ` ${t.mount}`}`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`explore ${name} B=${t.blocksPerPage} failed: ${stderr || error.message}`));
      else resolve((JSON.parse(stdout) as { cells: ExploredCellJson[] }).cells);
    });
  });
}

/** Run tasks `jobs` at a time, results in task order. */
export async function inPool<T, R>(tasks: readonly T[], jobs: number, work: (t: T, k: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const k = next++;
      results[k] = await work(tasks[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}
