import { describe, expect, it } from 'vitest';
import { programsFor } from '../../src/paths/programs';
import { variantProblem } from '../../src/variants/check-variant';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { lockOrderProblem, SITES_TAKING_I_DATA_SEM } from '../../src/variants/lock-order';
import { punchLockProblem } from '../../src/variants/punch-locks';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import { LOCK_SITES } from '../../src/variants/variant';

const PUNCH_5_15 = builtinVariant('ext4-5.15').punch;
const replaced = (from: string, to: string) => PUNCH_5_15.map((s) => (s === from ? to : s));

describe('the punch\'s locks', () => {
  it('hold in every built-in era', () => {
    for (const name of BUILTIN_VARIANT_NAMES) expect(variantProblem(builtinVariant(name)), name).toBeNull();
  });

  it('reject the typo: filemap_invalidate_lock released with up_read(invalidate_lock), naming the step', () => {
    const typo = replaced('filemap_invalidate_unlock', 'up_read(invalidate_lock)');
    const problem = punchLockProblem(typo);
    expect(problem?.field).toBe(`punch.${typo.indexOf('up_read(invalidate_lock)')}`);
    expect(problem?.problem).toBe(`"up_read(invalidate_lock)" releases invalidate_lock shared, but punch.${PUNCH_5_15.indexOf('filemap_invalidate_lock')} took it exclusive: release it with up_write(invalidate_lock)`);
  });

  it('reject a lock never released, one released twice or not held, one taken twice, and releases out of order', () => {
    expect(punchLockProblem(PUNCH_5_15.filter((s) => s !== 'inode_unlock'))?.problem).toMatch(/takes i_rwsem, which the punch never releases: add up_write\(i_rwsem\)/);
    expect(punchLockProblem([...PUNCH_5_15, 'inode_unlock'])?.problem).toMatch(/releases i_rwsem, which the punch does not hold/);
    expect(punchLockProblem(['inode_lock', 'inode_lock', 'inode_unlock', 'inode_unlock'])?.field).toBe('punch.1');
    const crossed = ['inode_lock', 'filemap_invalidate_lock', 'inode_unlock', 'filemap_invalidate_unlock'];
    expect(punchLockProblem(crossed)?.problem).toMatch(/releases i_rwsem while invalidate_lock, taken after it at punch.1, is held/);
    expect(punchLockProblem(['inode_lock', 'filemap_invalidate_lock', 'filemap_invalidate_unlock', 'inode_unlock'])).toBeNull();
  });
});

describe('the lock order', () => {
  it('rejects a direct I/O write that takes invalidate_lock before i_rwsem, against the punch\'s i_rwsem then invalidate_lock, printing the cycle', () => {
    const v = resolveVariant({ name: 'inverted', extends: 'ext4-5.15', locks: { 'dio.write': ['invalidate_lock:shared', 'i_rwsem:exclusive'] } });
    const problem = lockOrderProblem(v, (f) => f.startsWith('locks.dio.write'));
    expect(problem?.field).toBe('locks.dio.write.1');
    expect(problem?.problem).toContain(`i_rwsem -> invalidate_lock (held from punch.${PUNCH_5_15.indexOf('inode_lock')}, taken at punch.${PUNCH_5_15.indexOf('filemap_invalidate_lock')})`);
    expect(problem?.problem).toContain('invalidate_lock -> i_rwsem (held from locks.dio.write.0, taken at locks.dio.write.1)');
  });

  it('rejects a write(2) holding invalidate_lock shared: its buffer\'s fault takes it shared again, under itself', () => {
    const v = resolveVariant({ name: 'inverted', extends: 'ext4-5.15', locks: { write: ['invalidate_lock:shared', 'i_rwsem:exclusive'] } });
    const problem = lockOrderProblem(v, (f) => f.startsWith('locks.write'));
    expect(problem?.field).toBe('locks.write.0');
    expect(problem?.problem).toBe('lock order cycle: invalidate_lock -> invalidate_lock (held from locks.write.0, taken at locks.fault.create.0)');
  });

  it('rejects a punch holding i_data_sem across the locks above it, through RM\'s own i_data_sem', () => {
    const v = resolveVariant({ name: 'dsem', extends: 'ext4-5.15', punch: ['down_write(i_data_sem)', ...PUNCH_5_15, 'up_write(i_data_sem)'] });
    expect(lockOrderProblem(v)?.problem).toMatch(/^lock order cycle: i_data_sem -> /);
  });

  it('rejects a site that holds i_data_sem around its own block lookup (a self-deadlock)', () => {
    const v = resolveVariant({ name: 'self', extends: 'ext4-5.15', locks: { 'dio.write': ['i_data_sem:exclusive'] } });
    expect(lockOrderProblem(v)?.problem).toBe('lock order cycle: i_data_sem -> i_data_sem (held from locks.dio.write.0, taken at the block lookup in dio.write)');
  });

  it('accepts a site lock taken in the built-in order', () => {
    const v = resolveVariant({ name: 'fine', extends: 'ext4-5.15', locks: { writeback: ['invalidate_lock:shared'] } });
    expect(lockOrderProblem(v)).toBeNull();
  });

  it('knows which sites look up blocks inside their locks: as the programs say', () => {
    const lookups = new Set(['ext4_map_blocks', 'ext4_da_get_block_prep', 'ext4_convert_unwritten_extents']);
    const lookingUp = LOCK_SITES.filter((site) => {
      const v = resolveVariant({ name: `probe-${site}`, extends: 'ext4-3.11', locks: { [site]: ['i_mmap_sem:shared'] } });
      return programsFor(v).some((p) => {
        const names = p.steps.map((s) => s.name);
        const from = names.indexOf('down_read(i_mmap_sem)');
        const to = names.indexOf('up_read(i_mmap_sem)', from);
        return from >= 0 && names.slice(from, to).some((n) => lookups.has(n));
      });
    });
    expect(new Set(lookingUp)).toEqual(SITES_TAKING_I_DATA_SEM);
  });
});
