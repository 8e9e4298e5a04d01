/**
 * A set of 64-bit fingerprints, each given as two 32-bit words: open
 * addressing over one Uint32Array of (high, low) pairs, growing at half full. A JavaScript Set could not hold 64
 * bits in a number, and would box every key above 2^31; at millions of
 * states that costs both time and memory. The two halves of a slot sit side by side, so a
 * probe into a table of hundreds of megabytes misses the cache once, not
 * twice. Zero is kept apart, since an empty slot is zero.
 */
export class FingerprintSet {
  /** Slot i is words 2i (high 32 bits) and 2i + 1 (low 32 bits). */
  private slots: Uint32Array;
  private mask: number;
  private hasZero = false;
  /** A number kept with each fingerprint, by addOrGet: allocated on its first use. */
  private values: Int32Array | null = null;
  private zeroValue = 0;
  size = 0;

  constructor(capacity = 1 << 16) {
    let n = 1 << 12;
    while (n < capacity * 2) n *= 2;
    this.slots = new Uint32Array(2 * n);
    this.mask = n - 1;
  }

  /** Add (hi, lo); true if it was not there before. */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      this.size++;
      return true;
    }
    const i = this.probe(hi >>> 0, lo >>> 0);
    if (this.slots[2 * i] !== 0 || this.slots[2 * i + 1] !== 0) return false;
    this.put(i, hi >>> 0, lo >>> 0);
    return true;
  }

  /**
   * Add (hi, lo) with `value` and return -1 if it was not there; otherwise
   * return the value it was added with. (The engine keeps each state's node
   * number, to find the node a second path reaches: fewest switches.)
   */
  addOrGet(hi: number, lo: number, value: number): number {
    if (hi === 0 && lo === 0) {
      if (this.hasZero) return this.zeroValue;
      this.zeroValue = value;
      this.hasZero = true;
      this.size++;
      return -1;
    }
    const values = (this.values ??= new Int32Array(this.mask + 1));
    const i = this.probe(hi >>> 0, lo >>> 0);
    if (this.slots[2 * i] !== 0 || this.slots[2 * i + 1] !== 0) return values[i];
    values[i] = value;
    this.put(i, hi >>> 0, lo >>> 0);
    return -1;
  }

  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) return this.hasZero;
    const i = this.probe(hi >>> 0, lo >>> 0);
    return this.slots[2 * i] !== 0 || this.slots[2 * i + 1] !== 0;
  }

  private put(i: number, hi: number, lo: number): void {
    this.slots[2 * i] = hi;
    this.slots[2 * i + 1] = lo;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
  }

  /** The slot holding (hi, lo), or the empty slot where it would go. */
  private probe(hi: number, lo: number): number {
    const slots = this.slots;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const h = slots[2 * i];
      const l = slots[2 * i + 1];
      if ((h === 0 && l === 0) || (h === hi && l === lo)) return i;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const oldValues = this.values;
    const n = old.length; // twice the slots of before
    this.slots = new Uint32Array(2 * n);
    this.values = oldValues === null ? null : new Int32Array(n);
    this.mask = n - 1;
    for (let j = 0; j < old.length / 2; j++) {
      const hi = old[2 * j];
      const lo = old[2 * j + 1];
      if (hi === 0 && lo === 0) continue;
      const i = this.probe(hi, lo);
      this.slots[2 * i] = hi;
      this.slots[2 * i + 1] = lo;
      if (oldValues !== null) this.values![i] = oldValues[j];
    }
  }
}

/**
 * The birthday bound on a fingerprint collision among n distinct states:
 * n(n-1)/2 pairs, each colliding with chance 2^-64 when the fingerprint's
 * 64 bits are uniform. It bounds the chance that a search merged two
 * distinct states and so left one unexplored, as TLC reports it.
 */
export function collisionBound(n: number): number {
  return (n * (n - 1)) / 2 / 2 ** 64;
}
