import { describe, expect, it } from 'vitest';
import { exact, scenario, setup, times } from '../helpers';
import { run } from '../../src/run/runner';

// ext4-4.5, two blocks a page, foo discontiguous on disk (logical 0 and 1 in physical 3 and 2):
// read(2) takes no lock, so it inserts page 0 between T and RM; the page is confused, so the read
// attaches buffers mapped to blocks 3 and 2; RM then frees the blocks under the page, the last
// extent (block 2) first.
const sc = scenario({ variant: 'ext4-4.5', layout: 'discontiguous', threads: [{ op: 'read', page: 0 }] });
const race = [...times(0, 5), ...times(1, 3), ...times(0, 3)];

describe('no-page-maps-freed-block', () => {
  it('fails when a read maps blocks between T and RM (ext4-4.5)', () => {
    const r = exact(sc, race, ['no-page-maps-freed-block']);
    expect(r.violation).toMatchObject({ claim: 'no-page-maps-freed-block', step: 11, thread: 0, stepName: 'ext4_ext_rm_leaf' });
    expect(r.violation?.message).toBe('page 0 of foo keeps buffer 1 mapped to block 2, which is free since step 11');
  });

  it('holds for the same interleaving on a contiguous file: mpage reads the page without buffers', () => {
    const { m, s0 } = setup({ ...sc, layout: 'contiguous' });
    expect(run(m, s0, race, { claims: ['no-page-maps-freed-block'] }).violation).toBeNull();
  });

  it('holds when the read comes after the punch', () => {
    const r = exact(sc, [...times(0, 17), ...times(1, 6)], ['no-page-maps-freed-block']);
    expect(r.finished).toBe(true);
    expect(r.violation).toBeNull();
  });

  it('holds on ext4-5.15 for the same interleaving: the read waits for invalidate_lock', () => {
    const { m, s0 } = setup({ ...sc, variant: 'ext4-5.15' });
    const r = run(m, s0, race, { claims: ['no-page-maps-freed-block'] });
    expect(r.finished).toBe(true);
    expect(r.violation).toBeNull();
  });
});
