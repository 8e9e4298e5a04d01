import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/claims/index';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { initialState, modelFor } from '../../src/run/initial-state';
import type { Scenario } from '../../src/run/scenario';
import { huntLeads, leadCollector } from '../../src/search/hunt/hunt-leads';
import { shortestSchedule } from '../../src/search/kernel/shortest-schedule';
import { builtinVariant } from '../../src/variants/resolve-variant';

/**
 * 3.11 with two blocks a page, foo's two blocks apart on disk (so a read attaches buffers): read(2) of a
 * page the punch half frees keeps a buffer over the freed block.
 */
const racy: Scenario = {
  variant: 'ext4-3.11', blocksPerPage: 2, pages: 1, mount: 'data=writeback', layout: 'discontiguous', cache: ['none'], punch: { start: 0, length: 1 },
  threads: [{ op: 'read', page: 0 }],
};
const cell = (variant: string) => ({
  variant: builtinVariant(variant), claim: 'no-page-maps-freed-block' as const, blocksPerPage: 2 as const, ops: CONCURRENT_OPS,
});

describe('leads between the cells of a row', () => {
  it('an exhaustive search for one claim tells of the first state that breaks a watched one, once', () => {
    const m = modelFor(racy, builtinVariant('ext4-3.11'));
    const told: number[] = [];
    const r = shortestSchedule(m, initialState(m, racy), CLAIMS['no-lost-write'], {
      maxStates: 100_000,
      watch: { claims: [CLAIMS['no-page-maps-freed-block'], CLAIMS['no-deadlock']], onBreak: (i) => told.push(i) },
    });
    expect(r.verdict).toBe('held');
    expect(told).toEqual([0]);
  });

  it('the same scenario on 5.15 tells of nothing', () => {
    const sc = { ...racy, variant: 'ext4-5.15' };
    const m = modelFor(sc, builtinVariant('ext4-5.15'));
    const told: number[] = [];
    shortestSchedule(m, initialState(m, sc), CLAIMS['no-lost-write'], { maxStates: 100_000, watch: { claims: [CLAIMS['no-page-maps-freed-block']], onBreak: (i) => told.push(i) } });
    expect(told).toEqual([]);
  });

  it('a lead becomes the cell\'s case, as short as the explorer\'s', () => {
    const hit = huntLeads(cell('ext4-3.11'), [racy]);
    expect(hit).not.toBeNull();
    expect(hit!.case.claim).toBe('no-page-maps-freed-block');
    expect(hit!.case.schedule.length).toBe(10);
    expect(hit!.case.origin).toMatchObject({ strategy: 'exhaustive', seed: null, runs: 1 });
  });

  it('a lead that does not break the claim gives nothing', () => {
    expect(huntLeads(cell('ext4-5.15'), [{ ...racy, variant: 'ext4-5.15' }])).toBeNull();
  });

  it('keeps a few leads a claim, each scenario once', () => {
    const c = leadCollector();
    for (let k = 0; k < 5; k++) c.add('no-page-maps-freed-block', { ...racy, punch: { start: 0, length: 1 + (k % 2) } });
    c.add('no-deadlock', racy);
    expect(c.leads.filter((l) => l.claim === 'no-page-maps-freed-block')).toHaveLength(2);
    for (let k = 0; k < 5; k++) c.add('no-lost-write', { ...racy, cache: [(['none', 'clean', 'dirty', 'clean-buffers', 'none'] as const)[k]] });
    expect(c.leads.filter((l) => l.claim === 'no-lost-write')).toHaveLength(3);
    expect(c.leads).toHaveLength(6);
  });
});
