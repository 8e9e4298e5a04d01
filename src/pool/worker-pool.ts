import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The one worker pool of the harness: the hunt's cells, the matrix's and
 * the mutants' explorations and the benchmarks' cells all run on it. Each
 * worker is a child process of this harness (node with tsx) running
 * `script`, which answers tasks with serveTasks; results come back in task
 * order. Processes, not threads: an exploration must be able to fill its
 * share of the memory and give all of it back, and a hunt worker keeps its
 * compiled model for every cell it is given.
 */
export interface PoolOptions<R> {
  /** Workers at once (one per core is what the commands default to). */
  readonly jobs: number;
  /** A fresh process for every task (explorations: each gets its memory share to itself); default, one process per job for all its tasks. */
  readonly fresh?: boolean;
  /** The command line each worker starts with (a script that is also a command reads its options from it). */
  readonly args?: readonly string[];
  /** Told of each result as it arrives: how many are done, the result, and its task's index. */
  readonly onResult?: (done: number, result: R, index: number) => void;
}

interface Envelope<T> {
  readonly index: number;
  readonly task: T;
}

interface Reply<R> {
  readonly index: number;
  readonly result?: R;
  readonly error?: string;
}

const WORKER_ENV = 'PUNCH_HUNT_POOL_WORKER';

/** tsx's loader, by its own path: a worker started from another directory than the repository's still finds it. */
export const TSX = import.meta.resolve('tsx');

export function onWorkers<T, R>(script: URL, tasks: readonly T[], opts: PoolOptions<R>): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    const start = () => {
      const child = fork(fileURLToPath(script), [...(opts.args ?? [])], {
        execArgv: ['--import', TSX], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, [WORKER_ENV]: '1' },
      });
      let current = -1;
      const give = () => {
        if (failed || next >= tasks.length) {
          child.disconnect();
          return;
        }
        current = next++;
        child.send({ index: current, task: tasks[current] } satisfies Envelope<T>);
      };
      child.on('message', (reply: Reply<R>) => {
        current = -1;
        if (reply.error !== undefined) {
          child.kill();
          fail(new Error(reply.error));
          return;
        }
        results[reply.index] = reply.result as R;
        done++;
        opts.onResult?.(done, reply.result as R, reply.index);
        if (done === tasks.length) resolve(results);
        if (opts.fresh !== true) give();
        else {
          child.disconnect();
          if (next < tasks.length && !failed) start();
        }
      });
      child.on('exit', (code, signal) => {
        if (current >= 0) fail(new Error(`${fileURLToPath(script)} exited (${code ?? signal}) during task ${current}`));
      });
      give();
    };
    for (let j = 0; j < Math.min(opts.jobs, tasks.length); j++) start();
  });
}

/** Whether this process is a worker of the pool (a script that is also a command checks this to serve instead). */
export function isPoolWorker(): boolean {
  return process.env[WORKER_ENV] === '1' && process.send !== undefined;
}

/** The worker's side: answer every task with `handle`'s result, or with its error, which fails the pool's promise. */
export function serveTasks<T, R>(handle: (task: T) => R | Promise<R>): void {
  process.on('message', async ({ index, task }: Envelope<T>) => {
    try {
      process.send?.({ index, result: await handle(task) } satisfies Reply<R>);
    } catch (e) {
      process.send?.({ index, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies Reply<R>);
    }
  });
}
