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

/** Words a chunk of a packed level holds (2 MiB of 16-bit words): chunks are never copied as the level grows. */
const CHUNK = 1 << 20;

/**
 * Full-size chunks of released levels, for the levels after them: a fresh
 * chunk costs the kernel's zeroing of its pages at first touch, which made
 * writing a state into a new level three times slower than into a reused one.
 */
export class ChunkPool {
  private readonly free: Int16Array[] = [];

  take(words: number): Int16Array {
    return words === CHUNK && this.free.length > 0 ? this.free.pop()! : new Int16Array(words);
  }

  give(chunks: readonly Int16Array[]): void {
    for (const c of chunks) if (c.length === CHUNK) this.free.push(c);
  }
}

export function packedLevel<S>(p: Packing<S>, pool: ChunkPool = new ChunkPool()): Level<S> {
  const chunks: Int16Array[] = [];
  let chunk: Int16Array = new Int16Array(0);
  let used = 0;
  const where = new IntList(48); // per state: chunk index, offset, size
  let count = 0;
  return {
    get length() {
      return count;
    },
    push(s) {
      const n = p.size(s);
      if (used + n > chunk.length) {
        // Small first chunks: the hunt's searches have many levels of a few states each.
        chunk = pool.take(Math.max(Math.min(CHUNK, Math.max(256, 4 * chunk.length)), n));
        chunks.push(chunk);
        used = 0;
      }
      p.write(s, chunk, used);
      where.push(chunks.length - 1);
      where.push(used);
      where.push(n);
      count++;
      used += n;
    },
    at: (k) => p.read(chunks[where.at(3 * k)], where.at(3 * k + 1), where.at(3 * k + 2)),
    release: () => pool.give(chunks.splice(0)),
  };
}
