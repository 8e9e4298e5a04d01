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

/** Words of the head of an IntList, past which it grows by chunks of as many. */
const BIG = 1 << 20;

/**
 * A growing list of 32-bit integers: the engine keeps a few per state
 * (parent, thread, start), tens of millions of them, which as JavaScript
 * arrays cost twice the memory and a copy of everything at each growth.
 * The first BIG words double as they fill (the hunt makes thousands of
 * small searches); past them the list grows a chunk of BIG words at a time,
 * so a long search neither copies its lists nor holds up to twice their
 * length.
 */
export class IntList {
  private head: Int32Array;
  private readonly tail: Int32Array[] = [];
  length = 0;

  constructor(capacity = 1 << 12) {
    this.head = new Int32Array(Math.min(capacity, BIG));
  }

  push(v: number): void {
    const k = this.length++;
    if (k < BIG) {
      if (k === this.head.length) this.grow();
      this.head[k] = v;
      return;
    }
    const c = (k >>> 20) - 1;
    if (c === this.tail.length) this.tail.push(new Int32Array(BIG));
    this.tail[c][k & (BIG - 1)] = v;
  }

  at(k: number): number {
    return k < BIG ? this.head[k] : this.tail[(k >>> 20) - 1][k & (BIG - 1)];
  }

  set(k: number, v: number): void {
    if (k < BIG) this.head[k] = v;
    else this.tail[(k >>> 20) - 1][k & (BIG - 1)] = v;
  }

  private grow(): void {
    const grown = new Int32Array(Math.min(2 * this.head.length, BIG));
    grown.set(this.head);
    this.head = grown;
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
