// A worker for the pool's test: squares a number, says which process did it, and fails on a negative one.
import { serveTasks } from '../../src/pool/worker-pool';

serveTasks((n: number) => {
  if (n < 0) throw new Error(`negative: ${n}`);
  return { square: n * n, pid: process.pid };
});
