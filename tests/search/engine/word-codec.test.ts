import { describe, expect, it } from 'vitest';
import { decodeWords, encodeWords, maxBytes, wordCount } from '../../../src/search/engine/word-codec';

describe('the word codec of levels and batches', () => {
  it('gives back every 16-bit word, one byte for -127..127 and three for the rest', () => {
    const s = [0, 1, -1, 127, -127, 128, -128, 255, 256, -129, 0x7fff, -0x8000, 16384 | 5, 42];
    const bytes = new Int8Array(maxBytes(s.length));
    const n = encodeWords(s, bytes, 0);
    expect(n).toBe(1 + 6 * 1 + 8 * 3);
    expect(wordCount(bytes, 0)).toBe(s.length);
    const back = new Array<number>(s.length).fill(0);
    expect(decodeWords(bytes, 0, back)).toBe(n);
    expect(back).toEqual(s);
  });

  it('keeps states side by side in one buffer, each read from its offset', () => {
    const states = [[1, 2, 3], [300, -300], Array.from({ length: 255 }, (_, i) => i * 128 - 16000)];
    const bytes = new Int8Array(states.reduce((n, s) => n + maxBytes(s.length), 0));
    const offsets: number[] = [];
    let at = 0;
    for (const s of states) {
      offsets.push(at);
      at += encodeWords(s, bytes, at);
    }
    states.forEach((s, k) => {
      const back = new Array<number>(wordCount(bytes, offsets[k])).fill(0);
      decodeWords(bytes, offsets[k], back);
      expect(back).toEqual(s);
    });
  });

  it('refuses a state of more than 255 words (its count is one byte)', () => {
    expect(() => encodeWords(new Array<number>(256).fill(0), new Int8Array(maxBytes(256)), 0)).toThrow(/256 words/);
  });
});
