import { describe, expect, it } from 'vitest';
import { onWorkers } from '../../src/pool/worker-pool';

const worker = new URL('./square-worker.ts', import.meta.url);
type Out = { square: number; pid: number };

describe('the worker pool', () => {
  it('gives every result in task order, from `jobs` long-lived workers, telling each as it comes', async () => {
    const told: number[] = [];
    const out = await onWorkers<number, Out>(worker, [1, 2, 3, 4, 5, 6], { jobs: 2, onResult: (done) => told.push(done) });
    expect(out.map((o) => o.square)).toEqual([1, 4, 9, 16, 25, 36]);
    expect(new Set(out.map((o) => o.pid)).size).toBeLessThanOrEqual(2);
    expect(told).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('with fresh, a process of its own for every task', async () => {
    const out = await onWorkers<number, Out>(worker, [1, 2, 3], { jobs: 2, fresh: true });
    expect(new Set(out.map((o) => o.pid)).size).toBe(3);
  });

  it('a task that throws fails the whole run with its message', async () => {
    await expect(onWorkers<number, Out>(worker, [1, -2, 3], { jobs: 1 })).rejects.toThrow('negative: -2');
  });

  it('no tasks, no workers', async () => {
    expect(await onWorkers<number, Out>(worker, [], { jobs: 2 })).toEqual([]);
  });
});
