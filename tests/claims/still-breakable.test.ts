import { describe, expect, it } from 'vitest';
import { fooDeviceWriteStillPossible } from '../../src/claims/bar-never-overwritten-by-foo';
import { staleReadStillPossible } from '../../src/claims/no-stale-data-after-fallocate';
import { isFinished, takeStep } from '../../src/model/step';
import { initialState, modelFor } from '../../src/run/initial-state';
import type { Scenario } from '../../src/run/scenario';
import { builtinVariant } from '../../src/variants/resolve-variant';

// The claims' tests of whether a state can still lead to a violation (STILL_BREAKABLE); the search's use of them is
// tests/search/still-breakable.test.ts.

const oneRead: Scenario = {
  variant: 'ext4-3.15', blocksPerPage: 1, pages: 1, mount: 'data=writeback', layout: 'contiguous', cache: ['none'], punch: { start: 0, length: 1 },
  threads: [{ op: 'read', page: 0 }, { op: 'writeback', page: 0 }],
};

describe('staleReadStillPossible', () => {
  const m = modelFor(oneRead, builtinVariant('ext4-3.15'));

  it('holds while a read has not started, and after it started once the punch had returned', () => {
    const s = initialState(m, oneRead);
    expect(staleReadStillPossible(s, m)).toBe(true);
    while (!isFinished(s, m, 0)) takeStep(s, m, 0); // the whole punch first
    takeStep(s, m, 1); // the read starts after fallocate returned: it will be judged
    expect(isFinished(s, m, 1)).toBe(false);
    expect(staleReadStillPossible(s, m)).toBe(true);
  });

  it('fails once the only read started before the punch returned: that read is never judged', () => {
    const s = initialState(m, oneRead);
    takeStep(s, m, 1);
    expect(isFinished(s, m, 1)).toBe(false); // started, not finished: the page is not cached
    expect(staleReadStillPossible(s, m)).toBe(false);
  });

  it('fails once the only read finished (its result is final)', () => {
    const s = initialState(m, oneRead);
    while (!isFinished(s, m, 0)) takeStep(s, m, 0);
    while (!isFinished(s, m, 1)) takeStep(s, m, 1);
    expect(staleReadStillPossible(s, m)).toBe(false);
  });
});

describe('fooDeviceWriteStillPossible', () => {
  const sc: Scenario = {
    variant: 'ext4-3.15', blocksPerPage: 1, pages: 1, mount: 'data=writeback', layout: 'contiguous', cache: ['dirty'], punch: { start: 0, length: 1 },
    threads: [{ op: 'barWrite' }, { op: 'writeback', page: 0 }, { op: 'dioRead', page: 0 }],
  };
  const m = modelFor(sc, builtinVariant('ext4-3.15'));
  const runToEnd = (s: ReturnType<typeof initialState>, i: number) => { while (!isFinished(s, m, i)) takeStep(s, m, i); };

  it('holds while the punch, writeback or a direct read (which flushes first) has yet to finish', () => {
    const s = initialState(m, sc);
    expect(fooDeviceWriteStillPossible(s, m)).toBe(true);
    runToEnd(s, 0);
    runToEnd(s, 2);
    expect(fooDeviceWriteStillPossible(s, m)).toBe(true); // the direct read has not run
  });

  it('fails once every thread that writes the device for foo has finished, even with bar yet to write', () => {
    const s = initialState(m, sc);
    for (const i of [0, 2, 3]) runToEnd(s, i);
    expect(isFinished(s, m, 1)).toBe(false);
    expect(fooDeviceWriteStillPossible(s, m)).toBe(false);
  });
});
