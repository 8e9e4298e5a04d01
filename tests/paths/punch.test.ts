import { describe, expect, it } from 'vitest';
import { exact, names, scenario } from '../helpers';

const cached = { cache: ['clean', 'none'] as ('clean' | 'none')[] };

describe('the punch, per variant', () => {
  it('ext4-3.11: FLUSH, lock, T, DIOWAIT, journal, RM, unlock', () => {
    expect(names(exact(scenario({ variant: 'ext4-3.11', ...cached }), []), 0)).toEqual([
      'filemap_write_and_wait_range', 'inode_lock', 'unmap_mapping_range', 'truncate_inode_pages_range', 'inode_dio_wait',
      'ext4_journal_start', 'down_write(i_data_sem)', 'ext4_ext_rm_leaf', 'up_write(i_data_sem)', 'ext4_journal_stop', 'inode_unlock',
    ]);
  });

  it('patlasov-v1: no T before RM, one after', () => {
    expect(names(exact(scenario({ variant: 'patlasov-v1', ...cached }), []), 0)).toEqual([
      'filemap_write_and_wait_range', 'inode_lock', 'inode_dio_wait', 'ext4_journal_start',
      'down_write(i_data_sem)', 'ext4_ext_rm_leaf', 'up_write(i_data_sem)',
      'unmap_mapping_range', 'truncate_inode_pages_range', 'ext4_journal_stop', 'inode_unlock',
    ]);
  });

  it('ext4-3.15: T before and after RM', () => {
    const steps = names(exact(scenario({ variant: 'ext4-3.15', ...cached }), []), 0);
    expect(steps.filter((n) => n === 'unmap_mapping_range')).toHaveLength(2);
    expect(steps.indexOf('ext4_ext_rm_leaf')).toBeLessThan(steps.lastIndexOf('unmap_mapping_range'));
  });

  it('ext4-4.5: DIOWAIT, then i_mmap_sem exclusive around T and RM', () => {
    const steps = names(exact(scenario({ variant: 'ext4-4.5', ...cached }), []), 0);
    expect(steps.slice(0, 5)).toEqual([
      'filemap_write_and_wait_range', 'inode_lock', 'inode_dio_wait', 'down_write(i_mmap_sem)', 'unmap_mapping_range',
    ]);
    expect(steps.slice(-2)).toEqual(['up_write(i_mmap_sem)', 'inode_unlock']);
  });

  it('ext4-5.15: the same with invalidate_lock', () => {
    const steps = names(exact(scenario({ variant: 'ext4-5.15', ...cached }), []), 0);
    expect(steps[3]).toBe('filemap_invalidate_lock');
    expect(steps.slice(-2)).toEqual(['filemap_invalidate_unlock', 'inode_unlock']);
  });

  it('T evicts whole pages and zeroes the punched block of a partial page, discarding its buffer', () => {
    const sc = scenario({ variant: 'ext4-3.11', cache: ['clean-buffers', 'clean-buffers'], punch: { start: 1, length: 2 } });
    const r = exact(sc, []);
    const truncations = r.trace.filter((e) => e.name === 'truncate_inode_pages_range').map((e) => e.changes);
    expect(truncations).toEqual([
      ['page 0 buffer 1 -> unmapped', 'page 0 block 1 holds zeros'],
      ['page 1 buffer 0 -> unmapped', 'page 1 block 0 holds zeros'],
    ]);
  });

  it('T waits for a page under writeback', () => {
    const sc = scenario({ variant: 'ext4-3.11', cache: ['dirty', 'none'], threads: [{ op: 'writeback', page: 0 }] });
    // Writeback (3.11: its handle first, then the page) sets the writeback bit; the punch's flush waits for it too.
    expect(() => exact(sc, [1, 1, 0])).toThrow(/thread 0 cannot take a step/);
  });

  it('RM frees the range\'s blocks and leaves holes', () => {
    const r = exact(scenario({ variant: 'ext4-5.15' }), []);
    const rm = r.trace.find((e) => e.name === 'ext4_ext_rm_leaf');
    expect(rm?.changes).toEqual(['block 0 freed', 'block 1 freed', 'foo extent 0: block 0 -> hole', 'foo extent 1: block 1 -> hole']);
  });
});
