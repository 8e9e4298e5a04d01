import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { loadVariantFile } from '../../src/variants/load-variant-file';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import { dioreadNolockOn } from '../../src/variants/variant';

describe('built-in variants', () => {
  it('are the eras, named exactly', () => {
    expect(BUILTIN_VARIANT_NAMES).toEqual(['ext4-3.11', 'patlasov-v1', 'ext4-3.15', 'ext4-4.5', 'ext4-5.10', 'ext4-5.15', 'ext4-6.15']);
  });

  it('give each era the code facts that split it: readahead design, dioread_nolock default, writeback\'s handle', () => {
    const facts = (v: string) => {
      const x = builtinVariant(v);
      return [x.readahead, x.dioreadNolock, x.writebackHandle];
    };
    expect(facts('ext4-3.11')).toEqual(['per-page', 'off', 'always']);
    expect(facts('ext4-4.5')).toEqual(['per-page', 'off', 'always']);
    expect(facts('ext4-5.10')).toEqual(['batch', 'when-block-is-page', 'when-allocating']);
    expect(facts('ext4-5.15')).toEqual(['batch', 'when-block-is-page', 'when-allocating']);
    expect(builtinVariant('ext4-6.15').punch).toContain('ext4_truncate_page_cache_block_range');
    expect(dioreadNolockOn(builtinVariant('ext4-5.15'), 1)).toBe(true);
    expect(dioreadNolockOn(builtinVariant('ext4-5.15'), 2)).toBe(false);
    expect(dioreadNolockOn(builtinVariant('ext4-4.5'), 1)).toBe(false);
  });

  it('give each era its lock profile', () => {
    expect(builtinVariant('ext4-3.11').locks.fault).toEqual([]);
    expect(builtinVariant('ext4-4.5').locks.fault).toEqual([{ lock: 'i_mmap_sem', mode: 'shared' }]);
    expect(builtinVariant('ext4-4.5').locks['read.create']).toEqual([]);
    expect(builtinVariant('ext4-5.15').locks['readahead.batch']).toEqual([{ lock: 'invalidate_lock', mode: 'shared' }]);
    expect(builtinVariant('ext4-5.15').locks['fault.create']).toEqual([{ lock: 'invalidate_lock', mode: 'shared' }]);
    for (const v of BUILTIN_VARIANT_NAMES) expect(builtinVariant(v).locks.write).toEqual([{ lock: 'i_rwsem', mode: 'exclusive' }]);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => builtinVariant('ext4-9.9')).toThrow(/variant: unknown variant "ext4-9.9" \(known: ext4-3.11/);
  });
});

describe('variant definitions', () => {
  it('extend a built-in, replacing the punch', () => {
    const v = resolveVariant({
      name: 'no-diowait', extends: 'ext4-5.15',
      punch: builtinVariant('ext4-5.15').punch.filter((s) => s !== 'inode_dio_wait'),
    });
    expect(v.punch).not.toContain('inode_dio_wait');
    expect(v.locks).toEqual(builtinVariant('ext4-5.15').locks);
  });

  it('name the field that is wrong', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ name: 'x', punch: ['inode_lock', 'truncate_page_cache'] }, /^punch\.1: unknown punch step "truncate_page_cache"/],
      [{ name: 'x', punch: ['down_write(i_mutex)'] }, /^punch\.0: unknown lock "i_mutex"/],
      [{ name: 'x', punch: ['inode_lock'], locks: { 'read.create': ['i_sem:shared'] } }, /^locks\.read\.create\.0: unknown lock "i_sem"/],
      [{ name: 'x', punch: ['inode_lock'], locks: { 'read.crate': [] } }, /^locks/],
      [{ name: 'x', punch: ['inode_lock'], locks: { write: ['i_rwsem:sometimes'] } }, /^locks\.write\.0:/],
      [{ name: 'x', extends: 'ext4-2.6' }, /^extends: unknown variant "ext4-2.6"/],
      [{ name: 'x' }, /^punch: required/],
      [{ name: 'x', punch: ['inode_lock'], colour: 'red' }, /^\(root\)|colour/],
      [{ punch: ['inode_lock'] }, /^name:/],
      [[], /^\(root\)/],
    ];
    for (const [raw, message] of cases) expect(() => resolveVariant(raw)).toThrow(message);
  });

  it('load from a file with errors naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'variant-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ name: 'mine', extends: 'ext4-4.5', locks: { 'read.create': ['i_mmap_sem:shared'] } }));
    expect(loadVariantFile(good).locks['read.create']).toEqual([{ lock: 'i_mmap_sem', mode: 'shared' }]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => loadVariantFile(bad)).toThrow(`${bad}: (json): not valid JSON`);
    expect(() => loadVariantFile(join(dir, 'missing.json'))).toThrow(/missing.json: \(file\): no such file/);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ name: 'w', punch: ['oops'] }));
    expect(() => loadVariantFile(wrong)).toThrow(new RegExp(`^${wrong}: punch.0: unknown punch step "oops"`));
  });

  it('extend another file, relative to the one that names it; a chain that comes back is an error naming the file and "extends"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'variant-'));
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base', 'slow-fault.json'), JSON.stringify({ name: 'slow-fault', extends: 'ext4-4.5', locks: { 'read.create': ['i_mmap_sem:shared'] } }));
    const child = join(dir, 'child.json');
    writeFileSync(child, JSON.stringify({ name: 'child', extends: 'base/slow-fault.json', description: 'and more' }));
    const v = loadVariantFile(child);
    expect(v.locks['read.create']).toEqual([{ lock: 'i_mmap_sem', mode: 'shared' }]);
    expect(v.locks.fault).toEqual(builtinVariant('ext4-4.5').locks.fault);
    expect(v.description).toBe('and more');
    // Not outside a file: resolveVariant alone knows only the built-ins.
    expect(() => resolveVariant({ name: 'c', extends: 'base/slow-fault.json' })).toThrow(/^extends: unknown variant "base\/slow-fault.json" \(known: ext4-3.11/);
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, JSON.stringify({ name: 'a', extends: 'b.json' }));
    writeFileSync(b, JSON.stringify({ name: 'b', extends: 'a.json' }));
    expect(() => loadVariantFile(a)).toThrow(/b.json: extends: "a.json" leads back to a file of the chain: .*a.json -> .*b.json -> .*a.json$/);
    const self = join(dir, 'self.json');
    writeFileSync(self, JSON.stringify({ name: 'self', extends: 'self.json' }));
    expect(() => loadVariantFile(self)).toThrow(/self.json: extends: "self.json" leads back/);
    const broken = join(dir, 'broken-child.json');
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ name: 'broken', punch: ['inode_lock'] }));
    writeFileSync(broken, JSON.stringify({ name: 'bc', extends: 'broken.json', punch: ['inode_lock', 'inode_unlock'] }));
    expect(() => loadVariantFile(broken)).toThrow(/broken.json: punch.0: "inode_lock" takes i_rwsem, which the punch never releases/);
  });
});

