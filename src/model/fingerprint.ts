import type { State } from './state';

/**
 * A canonical fingerprint: two independent 32-bit hashes (FNV-1a and a
 * multiply-xorshift mix) folded into one safe integer of 53 bits, usable as a
 * Map key. Equal states always give equal fingerprints; unequal states
 * collide with probability about n^2 / 2^54 over n states, as with TLC's
 * 64-bit fingerprints.
 */
export function fingerprint(s: State): number {
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
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
