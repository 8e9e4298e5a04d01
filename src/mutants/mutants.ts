import { resolveVariant } from '../variants/resolve-variant';
import { LOCK_SITES, LOCK_STEP_ALIASES, type Variant } from '../variants/variant';
import type { VariantFile } from '../variants/variant-file';
import { variantToFile } from '../variants/variant-to-file';

/** A deliberately broken copy of a variant, and what was changed, in words. */
export interface Mutant {
  readonly name: string;
  readonly change: string;
  readonly variant: Variant;
  /** Explored with writes and reads whose buffer maps foo (a naive fix that deadlocks only through such a buffer). */
  readonly userBuffers?: boolean;
}

/** down_write(L) / up_write(L) of a punch step, with the kernel's aliases spelled out. */
function lockStep(step: string): { verb: string; lock: string } | null {
  const m = /^(down|up)_(read|write)\((\w+)\)$/.exec(LOCK_STEP_ALIASES[step] ?? step);
  return m ? { verb: `${m[1]}_${m[2]}`, lock: m[3] } : null;
}

/**
 * The mutants of a variant (issue 7: "every claim can fail"), each a whole
 * variant the explorer can search:
 *
 * - drop each punch step; a lock step is dropped with its release (a punch
 *   that never takes the lock), and each release is also dropped alone (a
 *   punch that forgets to unlock);
 * - drop each lock from each path's lock site;
 * - take a lock shared where the variant takes it exclusive (punch and sites);
 * - swap the page-cache truncation and the block removal;
 * - a lock-order inversion: buffered write(2) takes invalidate_lock before
 *   i_rwsem, while the punch takes i_rwsem before invalidate_lock;
 * - the naive fixes of examples/naive-fixes, on this variant (naiveFixes);
 * - and the variant unchanged, the control: it must break nothing.
 */
export function mutantsOf(base: Variant): Mutant[] {
  const file = variantToFile(base);
  const punch = file.punch ?? [];
  const out: Mutant[] = [];
  const add = (name: string, change: string, f: (v: VariantFile) => VariantFile, userBuffers?: boolean) => {
    const v = f(structuredClone(file));
    out.push({ name: `${base.name}--${name}`, change, variant: resolveVariant({ ...v, name: `${base.name}--${name}`, description: change }), ...(userBuffers ? { userBuffers } : {}) });
  };

  add('unchanged', 'nothing: the control', (v) => v);
  punch.forEach((step, i) => {
    const lock = lockStep(step);
    if (lock?.verb.startsWith('down')) {
      const release = punch.findIndex((s, j) => j > i && lockStep(s)?.lock === lock.lock && lockStep(s)!.verb.startsWith('up'));
      add(`drop-${step}`, `the punch never takes ${lock.lock} (${step} and its release dropped)`, (v) => ({ ...v, punch: punch.filter((_, j) => j !== i && j !== release) }));
      add(`shared-${step}`, `the punch takes ${lock.lock} shared, not exclusive`, (v) => ({
        ...v, punch: punch.map((s, j) => (j === i ? `down_read(${lock.lock})` : j === release ? `up_read(${lock.lock})` : s)),
      }));
    } else if (lock) {
      add(`drop-${step}`, `the punch never releases ${lock.lock}`, (v) => ({ ...v, punch: punch.filter((_, j) => j !== i) }));
    } else if (step === 'ext4_journal_start' || step === 'ext4_journal_stop') {
      if (step === 'ext4_journal_start') {
        add('drop-journal-handle', 'the punch opens no journal handle (ext4_journal_start and _stop dropped)', (v) => ({
          ...v, punch: punch.filter((s) => s !== 'ext4_journal_start' && s !== 'ext4_journal_stop'),
        }));
      }
    } else {
      add(`drop-${step}`, `the punch skips ${step}`, (v) => ({ ...v, punch: punch.filter((_, j) => j !== i) }));
    }
  });
  for (const site of LOCK_SITES) {
    const uses = file.locks?.[site] ?? [];
    uses.forEach((use, k) => {
      const [lock, mode] = use.split(':');
      add(`${site}-without-${lock}`, `${site} takes no ${lock}`, (v) => ({ ...v, locks: { ...v.locks, [site]: uses.filter((_, j) => j !== k) } }));
      if (mode === 'exclusive') {
        add(`${site}-shared-${lock}`, `${site} takes ${lock} shared, not exclusive`, (v) => ({
          ...v, locks: { ...v.locks, [site]: uses.map((u, j) => (j === k ? `${lock}:shared` : u)) },
        }));
      }
    });
  }
  const t = punch.findIndex((s) => s === 'truncate_pagecache_range' || s === 'ext4_truncate_page_cache_block_range');
  const rm = punch.indexOf('ext4_ext_remove_space');
  if (t >= 0 && rm >= 0) {
    add('swap-T-RM', 'the punch removes the blocks before truncating the page cache', (v) => ({
      ...v, punch: punch.map((s, j) => (j === t ? punch[rm] : j === rm ? punch[t] : s)),
    }));
  }
  const writeLocks = file.locks?.write ?? [];
  const takesBoth = punch.some((s) => lockStep(s)?.lock === 'i_rwsem') && punch.some((s) => lockStep(s)?.lock === 'invalidate_lock');
  if (takesBoth) {
    add('write-inverts-lock-order', 'write(2) takes invalidate_lock shared, then i_rwsem: the reverse of the punch\'s order', (v) => ({
      ...v, locks: { ...v.locks, write: ['invalidate_lock:shared', ...writeLocks] },
    }));
  }
  naiveFixes(punch).forEach((n) => add(n.name, n.change, n.f, n.userBuffers));
  return out;
}

/**
 * The naive fixes (issue 22; examples/naive-fixes has each on the era it
 * was proposed against), here on a variant with invalidate_lock: (a) page
 * faults take i_rwsem shared; (b) read(2) holds invalidate_lock shared
 * across its copy to the user; (c) readahead takes invalidate_lock below
 * the page lock, inside the read of its locked page, instead of around
 * the batch; (d) the punch starts its journal handle under i_data_sem.
 * (a) and (b) deadlock only through a user buffer that maps foo.
 */
function naiveFixes(punch: readonly string[]): Array<{ name: string; change: string; f: (v: VariantFile) => VariantFile; userBuffers?: boolean }> {
  const handle = punch.indexOf('ext4_journal_start');
  return [
    {
      name: 'naive-fault-takes-i_rwsem', change: 'page faults take i_rwsem shared (the fix "take i_mutex in the fault path")', userBuffers: true,
      f: (v) => ({ ...v, locks: { ...v.locks, fault: ['i_rwsem:shared', ...(v.locks?.fault ?? [])] } }),
    },
    {
      name: 'naive-read-holds-invalidate_lock', change: 'read(2) holds invalidate_lock shared across the whole read, its copy to the user included', userBuffers: true,
      f: (v) => ({ ...v, regions: [...(v.regions ?? []), { path: 'read', from: 'filemap_get_pages', to: 'filemap_update_page', locks: ['invalidate_lock:shared'] }] }),
    },
    {
      name: 'naive-readahead-under-page-lock', change: 'readahead takes invalidate_lock inside the read of its locked page, not around the batch',
      f: (v) => ({ ...v, locks: { ...v.locks, 'readahead.batch': [] }, regions: [...(v.regions ?? []), { path: 'readahead', from: 'ext4_map_blocks', to: 'ext4_map_blocks', locks: ['invalidate_lock:shared'] }] }),
    },
    ...(handle < 0 ? [] : [{
      name: 'naive-punch-handle-under-i_data_sem', change: 'the punch starts its journal handle under i_data_sem exclusive',
      f: (v: VariantFile) => ({ ...v, punch: [...punch.slice(0, handle), 'down_write(i_data_sem)', 'ext4_journal_start', 'up_write(i_data_sem)', ...punch.slice(handle + 1)] }),
    }]),
  ];
}
