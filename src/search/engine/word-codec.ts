/**
 * States as bytes, for the levels and batches of the search: a count of
 * words (one byte), then each word in one byte when it lies in -127..127
 * (most do: flags, tags, block numbers, program counters) and in three
 * bytes otherwise (-128, then its low and high bytes). Words must fit in 16
 * bits, signed, as the fingerprint assumes (model/fingerprint.ts
 * wordsFit). A level of the two-page families takes about half the memory
 * of 16-bit words.
 */
export const MAX_WORDS = 255;
const ESCAPE = -128;

/** The most bytes `words` words can take. */
export function maxBytes(words: number): number {
  return 1 + 3 * words;
}

/** Write `s` into `into` from `at`; the bytes written. */
export function encodeWords(s: readonly number[], into: Int8Array, at: number): number {
  if (s.length > MAX_WORDS) throw new RangeError(`word codec: ${s.length} words, at most ${MAX_WORDS}`);
  let k = at;
  into[k++] = s.length;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    if (v >= -127 && v <= 127) into[k++] = v;
    else {
      into[k++] = ESCAPE;
      into[k++] = v;
      into[k++] = v >> 8;
    }
  }
  return k - at;
}

/** The number of words encoded at `at`. */
export function wordCount(from: Int8Array, at: number): number {
  return from[at] & 0xff;
}

/** Decode the words at `at` into `s` (of wordCount words); the bytes read. */
export function decodeWords(from: Int8Array, at: number, s: number[]): number {
  const n = from[at] & 0xff;
  let k = at + 1;
  for (let i = 0; i < n; i++) {
    const b = from[k++];
    if (b !== ESCAPE) s[i] = b;
    else {
      s[i] = (from[k] & 0xff) | (from[k + 1] << 8);
      k += 2;
    }
  }
  return k - at;
}
