import type { BfsCut } from './bfs';

const CUTS: readonly BfsCut[] = ['states', 'memory', 'deadline', 'depth'];

/**
 * The distinct states every part may store together, and why the search
 * was cut: two words of shared memory, so parts on other threads see one
 * count and one cut.
 */
export class StateBudget {
  private readonly words: Int32Array;

  constructor(readonly maxStates: number, shared = new SharedArrayBuffer(8)) {
    this.words = new Int32Array(shared);
  }

  get buffer(): SharedArrayBuffer {
    return this.words.buffer as SharedArrayBuffer;
  }

  /** Take room for one more state; false (and the cut 'states') when there is none, or when the search was cut. */
  take(): boolean {
    if (this.cut !== null) return false;
    if (Atomics.add(this.words, 0, 1) < this.maxStates) return true;
    Atomics.sub(this.words, 0, 1);
    this.setCut('states');
    return false;
  }

  get stored(): number {
    return Atomics.load(this.words, 0);
  }

  get cut(): BfsCut | null {
    const c = Atomics.load(this.words, 1);
    return c === 0 ? null : CUTS[c - 1];
  }

  setCut(c: BfsCut): void {
    Atomics.compareExchange(this.words, 1, 0, CUTS.indexOf(c) + 1);
  }
}
