/**
 * A set of 53-bit fingerprints: open addressing over two Uint32Array
 * halves, growing at half full. A JavaScript Set would box every fingerprint
 * above 2^31 as a heap number; at millions of states that costs both time
 * and memory. Zero is kept apart, since an empty slot is zero.
 */
export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  private hasZero = false;
  /** A number kept with each fingerprint, by addOrGet: allocated on its first use. */
  private values: Int32Array | null = null;
  private zeroValue = 0;
  size = 0;

  constructor(capacity = 1 << 16) {
    let n = 1 << 12;
    while (n < capacity * 2) n *= 2;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.mask = n - 1;
  }

  /** Add f; true if it was not there before. */
  add(f: number): boolean {
    if (f === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      this.size++;
      return true;
    }
    const hi = Math.floor(f / 0x100000000) >>> 0;
    const lo = f >>> 0;
    const i = this.probe(hi, lo);
    if (this.hi[i] !== 0 || this.lo[i] !== 0) return false;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
    return true;
  }

  /**
   * Add f with `value` and return -1 if it was not there; otherwise return
   * the value it was added with. (The explorer keeps each state's node
   * number, to merge the sleep sets of two paths to one state.)
   */
  addOrGet(f: number, value: number): number {
    if (f === 0) {
      if (this.hasZero) return this.zeroValue;
      this.zeroValue = value;
      this.hasZero = true;
      this.size++;
      return -1;
    }
    const values = (this.values ??= new Int32Array(this.hi.length));
    const hi = Math.floor(f / 0x100000000) >>> 0;
    const lo = f >>> 0;
    const i = this.probe(hi, lo);
    if (this.hi[i] !== 0 || this.lo[i] !== 0) return values[i];
    this.hi[i] = hi;
    this.lo[i] = lo;
    values[i] = value;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
    return -1;
  }

  has(f: number): boolean {
    if (f === 0) return this.hasZero;
    const i = this.probe(Math.floor(f / 0x100000000) >>> 0, f >>> 0);
    return this.hi[i] !== 0 || this.lo[i] !== 0;
  }

  /** The slot holding (hi, lo), or the empty slot where it would go. */
  private probe(hi: number, lo: number): number {
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const h = this.hi[i];
      const l = this.lo[i];
      if ((h === 0 && l === 0) || (h === hi && l === lo)) return i;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    const oldValues = this.values;
    const n = oldHi.length * 2;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.values = oldValues === null ? null : new Int32Array(n);
    this.mask = n - 1;
    for (let j = 0; j < oldHi.length; j++) {
      const hi = oldHi[j];
      const lo = oldLo[j];
      if (hi === 0 && lo === 0) continue;
      const i = this.probe(hi, lo);
      this.hi[i] = hi;
      this.lo[i] = lo;
      if (oldValues !== null) this.values![i] = oldValues[j];
    }
  }
}
