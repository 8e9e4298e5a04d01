import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** The default memory a search may use: three quarters of the machine's. */
export const DEFAULT_MAX_MEMORY_MB = Math.floor((0.75 * totalmem()) / 2 ** 20);

/**
 * A memory guard for a long search (bfs.ts asks it every few thousand
 * states): true once the process's resident memory passes `maxMb`, or its
 * JavaScript heap passes 90% of V8's limit, so that the search stops and
 * says `incomplete (memory)` rather than the process dying of heap
 * exhaustion. The explorer keeps its states and fingerprints in typed
 * arrays, outside V8's heap, hence both measures.
 */
export function memoryGuard(maxMb: number): () => boolean {
  const maxBytes = maxMb * 2 ** 20;
  const heapLimit = getHeapStatistics().heap_size_limit;
  return () => process.memoryUsage.rss() > maxBytes || getHeapStatistics().used_heap_size > 0.9 * heapLimit;
}
