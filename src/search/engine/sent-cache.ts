/** Slots of the cache of fingerprints sent (2^18: 2 MiB a part; 2^15 sent more states again, 2^20 missed the cache more). */
const SENT_SLOTS = 1 << 18;

/**
 * The fingerprints this part sent other parts lately: a successor another
 * part owns is mostly one already sent (most transitions reach a known
 * state), and sending it again would copy it, to be dropped there. Lossy
 * (a slot keeps the last fingerprint that fell in it), so its memory is
 * fixed; a state it forgets is sent again, and the owner drops it.
 */
export class SentCache {
  private readonly slots = new Uint32Array(2 * SENT_SLOTS);

  /** Remember (hi, lo); false if it was remembered already. */
  add(hi: number, lo: number): boolean {
    const i = 2 * ((lo ^ Math.imul(hi, 0x85ebca6b)) & (SENT_SLOTS - 1));
    if (this.slots[i] === hi >>> 0 && this.slots[i + 1] === lo >>> 0) return false;
    this.slots[i] = hi;
    this.slots[i + 1] = lo;
    return true;
  }
}
