import type { Packing } from './system';

/** One level of the search: its states, by index. `at` may return a scratch valid until its next call. */
export interface Level<S> {
  readonly length: number;
  push(s: S): void;
  at(k: number): S;
}

export function arrayLevel<S>(): Level<S> {
  const states: S[] = [];
  return { get length() { return states.length; }, push: (s) => states.push(s), at: (k) => states[k] };
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

  set(k: number, v: number): void {
    this.words[k] = v;
  }

  private grow(): void {
    const grown = new Int32Array(2 * this.words.length);
    grown.set(this.words);
    this.words = grown;
  }
}

/** Words a chunk of a packed level holds (4 MiB): chunks are never copied as the level grows. */
const CHUNK = 1 << 20;

export function packedLevel<S>(p: Packing<S>): Level<S> {
  const chunks: Int32Array[] = [];
  let chunk = new Int32Array(0);
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
        chunk = new Int32Array(Math.max(Math.min(CHUNK, Math.max(256, 4 * chunk.length)), n));
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
  };
}
