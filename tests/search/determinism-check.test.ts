import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/model/program';
import type { Model } from '../../src/model/model';
import { OP } from '../../src/model/ops';
import { initialState, modelFor } from '../../src/run/initial-state';
import { run } from '../../src/run/runner';
import { checkDeterminism } from '../../src/search/hunt/determinism-check';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { scenario } from '../helpers';

const sc = scenario({ variant: 'ext4-3.11', blocksPerPage: 1, pages: 1, threads: [{ op: 'mmapWrite', page: 0 }, { op: 'writeback', page: 0 }, { op: 'barWrite' }] });
// Jan Kara's race on ext4-3.11: the punch up to its handle, the store's fault and page_mkwrite, RM
// frees the block, writeback takes its handle and cleans the page, bar is given the block, writeback writes it (23 steps).
const schedule = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 2, 2, 2, 3, 2];

/** The model with one step of bar's write planted with `impure`, which stores what it reads in a block's data. */
function planted(impure: () => number): Model {
  const m = modelFor(sc, builtinVariant(sc.variant));
  const bar = m.programs[OP.barWrite];
  const steps = bar.steps.map((step, k) => (k !== 0 ? step : {
    ...step,
    effect: (s: number[], t: number, mm: Model) => {
      step.effect(s, t, mm);
      s[mm.layout.deviceData + mm.layout.deviceBlocks - 1] = impure();
    },
  }));
  const programs: Program[] = m.programs.map((p, i) => (i === OP.barWrite ? { ...p, steps } : p));
  return { ...m, programs };
}

describe('the determinism self-check', () => {
  it('passes the model as it is: two replays of a case agree step by step', () => {
    const m = modelFor(sc, builtinVariant(sc.variant));
    expect(run(m, initialState(m, sc), schedule, { claims: ['bar-never-overwritten-by-foo'], strict: true }).violation?.step).toBe(23);
    expect(checkDeterminism(m, initialState(m, sc), schedule)).toBeNull();
  });

  it('catches a planted Math.random() and names the first step where the replays part', () => {
    const m = planted(() => Math.floor(Math.random() * 1e9) + 100);
    const d = checkDeterminism(m, initialState(m, sc), schedule);
    expect(d).not.toBeNull();
    expect(d!.step).toBe(22); // bar's first step, ext4_mb_new_blocks, is step 22
    expect(d!.thread).toBe(3);
    expect(d!.stepName).toBe('ext4_mb_new_blocks');
    expect(d!.message).toContain('harness bug: two replays of one schedule part at step 22 (thread 3, ext4_mb_new_blocks)');
  });

  it('catches a planted Date.now(): the second replay runs after the clock has moved', () => {
    const m = planted(() => Date.now());
    const d = checkDeterminism(m, initialState(m, sc), schedule);
    expect(d?.step).toBe(22);
  });
});
