import type { VariantFile } from './variant-file';

/**
 * The punch-hole designs, each with the commits that made it (the punch is
 * fs/ext4/inode.c ext4_punch_hole in every era), and what each era's other
 * paths lock.
 *
 * Direct I/O reads take i_rwsem shared in every era: in 3.x - 4.x through
 * ext4_inode_block_unlocked_dio (new DIO falls back to the locked path while
 * the punch runs), in 5.x through inode_lock_shared in ext4_dio_read_iter.
 * The facts page says the same: "new direct I/O is held off by the inode
 * lock the punch holds".
 */
const FLUSH = 'filemap_write_and_wait_range';
const T = 'truncate_pagecache_range';
const RM = 'ext4_ext_remove_space';
const DIOWAIT = 'inode_dio_wait';

const ERA_3_LOCKS = {
  write: ['i_rwsem:exclusive'],
  'dio.read': ['i_rwsem:shared'],
  'dio.write': ['i_rwsem:exclusive'],
};

/** 4.5 - 5.14: ext4_filemap_fault and ext4_page_mkwrite take i_mmap_sem shared; read(2) and readahead take nothing. */
const ERA_4_5_LOCKS = {
  ...ERA_3_LOCKS,
  fault: ['i_mmap_sem:shared'],
  page_mkwrite: ['i_mmap_sem:shared'],
};

/** 5.15+: invalidate_lock shared wherever a page is created or read in, and in page_mkwrite. */
const ERA_5_15_LOCKS = {
  ...ERA_3_LOCKS,
  'read.create': ['invalidate_lock:shared'],
  'read.update': ['invalidate_lock:shared'],
  'readahead.batch': ['invalidate_lock:shared'],
  'fault.create': ['invalidate_lock:shared'],
  page_mkwrite: ['invalidate_lock:shared'],
};

export const BUILTIN_VARIANT_FILES: readonly VariantFile[] = [
  {
    name: 'ext4-3.11',
    description: '3.11 - 3.14: truncate the page cache, then remove the blocks',
    punch: [FLUSH, 'inode_lock', T, DIOWAIT, 'ext4_journal_start', RM, 'ext4_journal_stop', 'inode_unlock'],
    locks: ERA_3_LOCKS,
  },
  {
    name: 'patlasov-v1',
    description: 'Patlasov 2013 v1 (rejected): no truncation before removing the blocks, one after',
    punch: [FLUSH, 'inode_lock', DIOWAIT, 'ext4_journal_start', RM, T, 'ext4_journal_stop', 'inode_unlock'],
    locks: ERA_3_LOCKS,
  },
  {
    name: 'ext4-3.15',
    description: '3.15 - 4.4 (e251f9bca99c): a second truncation after removing the blocks',
    punch: [FLUSH, 'inode_lock', T, DIOWAIT, 'ext4_journal_start', RM, T, 'ext4_journal_stop', 'inode_unlock'],
    locks: ERA_3_LOCKS,
  },
  {
    name: 'ext4-4.5',
    description: '4.5 - 5.5 (ea3d7209ca01): i_mmap_sem exclusive around truncation and removal; faults take it shared; read from 4.4.155',
    punch: [
      FLUSH, 'inode_lock', DIOWAIT, 'down_write(i_mmap_sem)', T,
      'ext4_journal_start', RM, 'ext4_journal_stop', 'up_write(i_mmap_sem)', 'inode_unlock',
    ],
    locks: ERA_4_5_LOCKS,
  },
  {
    // 5.6 and 5.7 sit between the two rows: dioread_nolock became the default in 5.6 (244adf6426ee, for
    // every block size until 626b035b816b), readahead inserted the whole batch first from 5.8 (c1f6925e1091).
    name: 'ext4-5.10',
    description: '5.8 - 5.14: as 4.5, with readahead inserting its whole batch first, dioread_nolock by default when a block is a page, and writeback taking a handle only to allocate; read from 5.10.7',
    extends: 'ext4-4.5',
    dioreadNolock: 'when-block-is-page',
    writebackHandle: 'when-allocating',
    readahead: 'batch',
  },
  {
    name: 'ext4-5.15',
    description: '5.15+ (730633f0b7f9, d4f5258eae7b): invalidate_lock exclusive; reads, readahead and faults take it shared; read from 5.15.135',
    punch: [
      FLUSH, 'inode_lock', DIOWAIT, 'filemap_invalidate_lock', T,
      'ext4_journal_start', RM, 'ext4_journal_stop', 'filemap_invalidate_unlock', 'inode_unlock',
    ],
    locks: ERA_5_15_LOCKS,
    dioreadNolock: 'when-block-is-page',
    writebackHandle: 'when-allocating',
    readahead: 'batch',
  },
  {
    // Zhang Yi's fallocate series, applied for 6.15: 17207d0bb209 ("ext4: remove writable userspace mappings
    // before truncating page cache") adds ext4_truncate_page_cache_block_range; 43d0105e2c75 ("ext4: don't write
    // back data before punch hole in nojournal mode") makes the punch use it and drops the punch's first step,
    // filemap_write_and_wait_range: the dirty pages of the range are truncated unwritten (outside data=journal,
    // which the model does not have). Observed on 6.18: tests/kernel/punch-flush.test.ts.
    name: 'ext4-6.15',
    description: '6.15+ (17207d0bb209, 43d0105e2c75): as 5.15 without the flush before the punch, and a partly punched page is write-protected before truncation, so the next store faults',
    extends: 'ext4-5.15',
    punch: [
      'inode_lock', DIOWAIT, 'filemap_invalidate_lock', 'ext4_truncate_page_cache_block_range',
      'ext4_journal_start', RM, 'ext4_journal_stop', 'filemap_invalidate_unlock', 'inode_unlock',
    ],
  },
];

export const BUILTIN_VARIANT_NAMES = BUILTIN_VARIANT_FILES.map((v) => v.name);
