import type { Packing } from './system';

/**
 * The successors one part sends another in a level: states encoded as
 * bytes (word-codec.ts) and META words each, in chunks of shared memory that the sending part
 * keeps and fills again the next level (by then the receiver has absorbed
 * them: a level starts only when every part has reported the last one).
 * Shared, so that nothing is copied between threads and no fresh memory is
 * touched each level (the kernel's zeroing of fresh pages made writing a
 * batch three times slower).
 */
export interface Batch {
  readonly words: readonly Int8Array[];
  /** Bytes used of each chunk of `words`: a state never straddles two. */
  readonly used: readonly number[];
  readonly meta: readonly Int32Array[];
  readonly count: number;
}
/** Per successor sent: fingerprint (2 words), parent node, thread, start, open claims inherited, claims the step left unaffected, bytes. */
const META = 8;
/** Bytes of a chunk of states (4 MiB), and successors in a chunk of META words (1 MiB). */
const WORD_CHUNK = 1 << 22;
const META_CHUNK = 1 << 15;

/** A part's batch for one other part: its chunks of shared memory, filled again each level. */
export class BatchBuilder<S> {
  private readonly words: Int8Array[] = [];
  private readonly used: number[] = [];
  private readonly meta: Int32Array[] = [];
  private chunk = -1;
  private count = 0;

  constructor(private readonly packing: Packing<S>) {}

  reset(): void {
    this.chunk = -1;
    this.count = 0;
    this.used.fill(0);
  }

  push(s: S, hi: number, lo: number, from: number, thread: number, start: number, inherited: number, same: number): void {
    if (this.chunk < 0 || this.used[this.chunk] + this.packing.maxBytes(s) > WORD_CHUNK) {
      this.chunk++;
      if (this.chunk === this.words.length) {
        this.words.push(new Int8Array(new SharedArrayBuffer(WORD_CHUNK)));
        this.used.push(0);
      }
    }
    const size = this.packing.write(s, this.words[this.chunk], this.used[this.chunk]);
    this.used[this.chunk] += size;
    const k = Math.floor(this.count / META_CHUNK);
    if (k === this.meta.length) this.meta.push(new Int32Array(new SharedArrayBuffer(4 * META * META_CHUNK)));
    const m = this.meta[k];
    const at = (this.count % META_CHUNK) * META;
    m[at] = hi;
    m[at + 1] = lo;
    m[at + 2] = from;
    m[at + 3] = thread;
    m[at + 4] = start;
    m[at + 5] = inherited;
    m[at + 6] = same;
    m[at + 7] = size;
    this.count++;
  }

  /** The batch as filled this level (its chunks are shared, not copied). */
  build(): Batch {
    const n = this.chunk + 1;
    return { words: this.words.slice(0, n), used: this.used.slice(0, n), meta: this.meta.slice(0, Math.ceil(this.count / META_CHUNK)), count: this.count };
  }
}

/** Each state of a batch in order, with its META words (meta[m] .. meta[m + 7]), until `each` says false. */
export function walkBatch<S>(b: Batch, packing: Packing<S>, each: (s: S, meta: Int32Array, m: number) => boolean): void {
  let chunk = 0;
  let at = 0;
  for (let i = 0; i < b.count; i++) {
    const meta = b.meta[Math.floor(i / META_CHUNK)];
    const m = (i % META_CHUNK) * META;
    const size = meta[m + 7];
    if (at + size > b.used[chunk]) {
      chunk++;
      at = 0;
    }
    const s = packing.read(b.words[chunk], at);
    at += size;
    if (!each(s, meta, m)) return;
  }
}
