import { resolveVariant } from '../variants/resolve-variant';
import { LOCK_SITES, LOCK_STEP_ALIASES, type Variant } from '../variants/variant';
import type { VariantFile } from '../variants/variant-file';
import { variantToFile } from '../variants/variant-to-file';

/** A deliberately broken copy of a variant, and what was changed, in words. */
export interface Mutant {
  readonly name: string;
  readonly change: string;
  readonly variant: Variant;
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
 * - and the variant unchanged, the control: it must break nothing.
 */
export function mutantsOf(base: Variant): Mutant[] {
  const file = variantToFile(base);
  const punch = file.punch ?? [];
  const out: Mutant[] = [];
  const add = (name: string, change: string, f: (v: VariantFile) => VariantFile) => {
    const v = f(structuredClone(file));
    out.push({ name: `${base.name}--${name}`, change, variant: resolveVariant({ ...v, name: `${base.name}--${name}`, description: change }) });
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
  return out;
}
