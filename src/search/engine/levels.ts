import type { Packing } from './system';

/** One level of the search: its states, by index. `at` may return a scratch valid until its next call. */
export interface Level<S> {
  readonly length: number;
  push(s: S): void;
  at(k: number): S;
  /** The level is done with: its memory may serve a later level. */
  release(): void;
}

export function arrayLevel<S>(): Level<S> {
  const states: S[] = [];
  return { get length() { return states.length; }, push: (s) => states.push(s), at: (k) => states[k], release: () => undefined };
}

/**
 * A growing list of 32-bit integers: the engine keeps a few per state
 * (parent, thread, start), tens of millions of them, which as JavaScript
 * arrays cost twice the memory and a copy of everything at each growth.
 */
export class IntList {
  private words: Int32Array;
  length = 0;

  constructor(capacity = 1 << 12) {
    this.words = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.words.length) this.grow();
    this.words[this.length++] = v;
  }

  at(k: number): number {
    return this.words[k];
  }

  /** A copy of the words pushed so far. */
  toArray(): Int32Array<ArrayBuffer> {
    return this.words.slice(0, this.length);
  }

  set(k: number, v: number): void {
    this.words[k] = v;
  }

  private grow(): void {
    const grown = new Int32Array(2 * this.words.length);
    grown.set(this.words);
    this.words = grown;
  }
}

/** Bytes a chunk of a packed level holds (4 MiB): chunks are never copied as the level grows. */
const CHUNK = 1 << 22;

/**
 * Full-size chunks of released levels, for the levels after them: a fresh
 * chunk costs the kernel's zeroing of its pages at first touch, which made
 * writing a state into a new level three times slower than into a reused one.
 */
export class ChunkPool {
  private readonly free: Int8Array[] = [];

  take(bytes: number): Int8Array {
    return bytes === CHUNK && this.free.length > 0 ? this.free.pop()! : new Int8Array(bytes);
  }

  give(chunks: readonly Int8Array[]): void {
    for (const c of chunks) if (c.length === CHUNK) this.free.push(c);
  }
}

/**
 * A level of encoded states. The search reads a level front to back, so
 * `at(k)` must be asked with k never decreasing: a state is then found
 * from its offset alone (one word a state), the chunk from where the
 * chunk's first state is.
 */
export function packedLevel<S>(p: Packing<S>, pool: ChunkPool = new ChunkPool()): Level<S> {
  const chunks: Int8Array[] = [];
  let chunk: Int8Array = new Int8Array(0);
  let used = 0;
  const offsets = new IntList(64);
  /** Index of the first state of each chunk. */
  const firsts: number[] = [];
  let reading = 0;
  return {
    get length() {
      return offsets.length;
    },
    push(s) {
      const n = p.maxBytes(s);
      if (used + n > chunk.length) {
        // Small first chunks: the hunt's searches have many levels of a few states each.
        chunk = pool.take(Math.max(Math.min(CHUNK, Math.max(1024, 4 * chunk.length)), n));
        chunks.push(chunk);
        firsts.push(offsets.length);
        used = 0;
      }
      offsets.push(used);
      used += p.write(s, chunk, used);
    },
    at(k) {
      if (k < firsts[reading]) reading = 0;
      while (reading + 1 < firsts.length && firsts[reading + 1] <= k) reading++;
      return p.read(chunks[reading], offsets.at(k));
    },
    release: () => pool.give(chunks.splice(0)),
  };
}
