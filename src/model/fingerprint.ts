import type { State } from './state';

/**
 * A canonical fingerprint of 64 bits: two independent 32-bit hashes
 * (FNV-1a and a multiply-xorshift mix), written as two words into `out`.
 * Equal states always give equal fingerprints; over n distinct states the
 * chance that two of them share one is at most n(n-1)/2 / 2^64 (the
 * birthday bound TLC states for its 64-bit fingerprints; collisionBound in
 * src/search/engine/fingerprint-set.ts), provided every
 * state word fits in 16 bits, signed, as the hash reads them (wordsFit).
 */
export function fingerprint64(s: State, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ s.length;
  // Two 16-bit words a round: half the multiplies of one word a round, the same information.
  const n = s.length & ~1;
  let i = 0;
  for (; i < n; i += 2) {
    const v = (s[i] & 0xffff) | ((s[i + 1] & 0xffff) << 16);
    a = Math.imul(a ^ v, 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b ^ (v + i * 0x10001), 0x85ebca6b);
    b ^= b >>> 13;
  }
  if (i < s.length) {
    const v = s[i] & 0xffff;
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ (v + i * 0x10001), 0x85ebca6b);
  }
  a = Math.imul(a ^ (a >>> 16), 0x7feb352d);
  a ^= a >>> 15;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  out[0] = a;
  out[1] = b;
}

const scratch = new Uint32Array(2);

/** The same fingerprint folded into a safe integer of 53 bits, for a Map key or a comparison in a test. */
export function fingerprint(s: State): number {
  fingerprint64(s, scratch);
  return scratch[0] * 0x200000 + (scratch[1] & 0x1fffff);
}

/**
 * Whether every word of the state is what the hash assumes: an integer that
 * fits in 16 bits, signed (the hash reads its low 16 bits, so -1, the hole
 * and "none" sentinels, and 65535 would be one word). A debug check:
 * tests/model/fingerprint.test.ts runs it on every state of whole families.
 */
export function wordsFit(s: State): boolean {
  for (let i = 0; i < s.length; i++) if (!Number.isInteger(s[i]) || s[i] < -0x8000 || s[i] > 0x7fff) return false;
  return true;
}
