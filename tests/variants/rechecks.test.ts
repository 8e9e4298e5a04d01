import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario';
import type { Scenario } from '../../src/run/scenario';
import { resolveVariant } from '../../src/variants/resolve-variant';
import { variantToFile } from '../../src/variants/variant-to-file';

const BUMP = [{ counter: 'extent_seq', path: 'punch', step: 'ext4_ext_rm_leaf' }];
const READ_CHECK = { counter: 'extent_seq', path: 'read', sample: 'ext4_map_blocks', check: 'submit_bio', retry: 'ext4_map_blocks', retries: 1 };

describe('rechecks', () => {
  it('bump the counter at the punch\'s extent removal, and send a read whose lookup went stale back to look up again', () => {
    const v = resolveVariant({ name: 'rv', extends: 'ext4-5.10', counters: ['extent_seq'], bumps: BUMP, rechecks: [READ_CHECK] });
    const sc: Scenario = {
      variant: v.name, blocksPerPage: 1, pages: 1, mount: 'data=writeback', layout: 'contiguous', cache: ['none'],
      punch: { start: 0, length: 1 }, threads: [{ op: 'read', page: 0 }],
    };
    // The punch truncates (nothing cached), the read inserts its page and looks up block 0, the punch removes the block,
    // the read's I/O finds the count changed and looks up again (a hole), then reads.
    const schedule = [0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1];
    const r = runScenario(sc, schedule, { variant: v, claims: [], trace: true });
    const names = r.trace.map((e) => `${e.thread}:${e.name}`);
    expect(r.trace.find((e) => e.name === 'ext4_ext_rm_leaf')?.changes).toContain('counter extent_seq 0 -> 1');
    expect(r.trace.find((e) => e.thread === 1 && e.name === 'submit_bio')?.changes).toContain('extent_seq is 1, 0 when sampled: back to ext4_map_blocks instead');
    const lookups = names.filter((n) => n === '1:ext4_map_blocks').length;
    expect(lookups, names.join(' ')).toBe(2);
    // Without the recheck the read looks up once.
    const plain = resolveVariant({ name: 'plain', extends: 'ext4-5.10' });
    const p = runScenario({ ...sc, variant: plain.name }, schedule, { variant: plain, claims: [], trace: true });
    expect(p.trace.filter((e) => e.thread === 1 && e.name === 'ext4_map_blocks')).toHaveLength(1);
    expect(resolveVariant(variantToFile(v))).toEqual(v);
  });

  it('are refused with the field named', () => {
    const bad: Array<[object, string]> = [
      [{ counters: ['extent_seq'], bumps: [{ ...BUMP[0], counter: 'seq' }] }, 'bumps.0.counter: unknown counter "seq"'],
      [{ counters: ['extent_seq'], bumps: [{ ...BUMP[0], step: 'ext4_remove' }] }, 'bumps.0.step: "ext4_remove" is not a step of punch'],
      [{ counters: ['i_rwsem'] }, 'counters.0: "i_rwsem" is a lock\'s name'],
      [{ counters: ['extent_seq'], rechecks: [{ ...READ_CHECK, sample: 'add_to_page_cache_lru' }] }, 'rechecks.0.sample: "add_to_page_cache_lru" is not a block lookup'],
      [{ counters: ['extent_seq'], rechecks: [{ ...READ_CHECK, check: 'add_to_page_cache_lru' }] }, 'rechecks.0.check: "add_to_page_cache_lru" does not come after "ext4_map_blocks"'],
      [{ counters: ['extent_seq'], rechecks: [{ ...READ_CHECK, check: 'page_endio' }] }, 'rechecks.0.retry: from "ext4_map_blocks" to "page_endio" read runs submit_bio, which a retry would run again'],
      [{ counters: ['extent_seq'], rechecks: [{ ...READ_CHECK, path: 'readahead', check: 'submit_bio' }] }, 'rechecks.0.retry: from "ext4_map_blocks" to "submit_bio" readahead runs do_mpage_readpage'],
    ];
    for (const [extra, message] of bad) expect(() => resolveVariant({ name: 'x', extends: 'ext4-5.10', ...extra }), message).toThrow(message);
  });
});
