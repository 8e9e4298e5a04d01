import { G, T_ARG0, T_ARG1 } from '../model/layout';
import { pagesOfRange } from '../model/page-cache';
import { parsePunchStep } from '../variants/punch-step';
import type { Variant } from '../variants/variant';
import { emitExt4ExtRemoveSpace } from './ext4-ext-remove-space';
import { emitJournalStart, emitJournalStop } from './punch-handle';
import { flushBlocked } from './flush-page';
import { emitDrop, emitTake } from './lock-sites';
import { isVariantLock } from '../variants/lock-table';
import { ProgramBuilder } from './program';
import type { Program } from '../model/program';
import { emitTruncatePagecacheRange } from './truncate-pagecache-range';
import { writeOutPageNow } from './write-out-page';

/**
 * ext4_punch_hole over the logical blocks [ARG0, ARG1), as the variant lists
 * its steps. Always thread 0. The range is block aligned, so zeroing partial
 * blocks does nothing; IS_SYNC and the mtime update change nothing a claim
 * reads and are left out.
 */
export function punchProgram(v: Variant): Program {
  const b = new ProgramBuilder('punch');
  for (const name of v.punch) {
    const step = parsePunchStep(name, (lock) => isVariantLock(v.newLocks, lock));
    if (typeof step === 'string') throw new Error(step);
    if (step.kind === 'lock') {
      if (step.acquire) emitTake(b, v, step.lock, step.mode);
      else emitDrop(b, v, step.lock, step.mode);
      continue;
    }
    switch (step.action) {
      case 'filemap_write_and_wait_range':
        emitFlushRange(b);
        break;
      case 'truncate_pagecache_range':
        emitTruncatePagecacheRange(b, false);
        break;
      case 'ext4_truncate_page_cache_block_range':
        emitTruncatePagecacheRange(b, true);
        break;
      case 'inode_dio_wait':
        b.step('inode_dio_wait', (s) => s[G.DIO_COUNT] === 0, () => {});
        break;
      case 'ext4_journal_start':
        emitJournalStart(b);
        break;
      case 'ext4_ext_remove_space':
        emitExt4ExtRemoveSpace(b);
        break;
      case 'ext4_journal_stop':
        emitJournalStop(b);
        break;
    }
  }
  return b.build();
}

/**
 * FLUSH: write back every dirty page of the range and wait, as one step that
 * waits until no page of the range is locked or under writeback. It runs
 * before the punch takes any lock, so nothing it does is protected anyway.
 */
function emitFlushRange(b: ProgramBuilder): void {
  b.step(
    'filemap_write_and_wait_range',
    (s, t, m) => {
      const [first, last] = pagesOfRange(m.layout, s[t + T_ARG0], s[t + T_ARG1]);
      for (let p = first; p < last; p++) if (flushBlocked(s, m.layout, p)) return false;
      return true;
    },
    (s, t, m) => {
      const [first, last] = pagesOfRange(m.layout, s[t + T_ARG0], s[t + T_ARG1]);
      for (let p = first; p < last; p++) writeOutPageNow(s, m, p, m.layout.threadIndex(t));
    },
  );
}
