import { describe, expect, it } from 'vitest';
import { IntList } from '../../../src/search/engine/levels';

describe('IntList', () => {
  it('keeps every word across its doubling head and its chunks, and sets any of them', () => {
    const list = new IntList(16);
    const n = (1 << 20) * 2 + 12345;
    for (let k = 0; k < n; k++) list.push(k ^ 0x5a5a5a5);
    expect(list.length).toBe(n);
    for (const k of [0, 15, 16, (1 << 20) - 1, 1 << 20, (1 << 21) + 7, n - 1]) expect(list.at(k)).toBe(k ^ 0x5a5a5a5);
    let wrong = 0;
    for (let k = 0; k < n; k++) if (list.at(k) !== (k ^ 0x5a5a5a5)) wrong++;
    expect(wrong).toBe(0);
    list.set(3, -1);
    list.set((1 << 20) + 3, -2);
    expect([list.at(3), list.at((1 << 20) + 3), list.at(4)]).toEqual([-1, -2, 4 ^ 0x5a5a5a5]);
  });
});
