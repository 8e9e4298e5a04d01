/**
 * How foo's file system is mounted, as far as the races care
 * (3.13 and 5.10 fs/ext4/mballoc.c,
 * ext4_free_blocks): under data=ordered, the default, a freed data block
 * returns to the allocator only when the transaction that freed it commits;
 * under data=writeback, which also stands for a file system without a
 * journal, it is free at once. Every era alike: the policy follows the
 * mount, not the kernel version.
 */
export type Mount = 'data=ordered' | 'data=writeback';

/** The default first. */
export const MOUNTS: readonly Mount[] = ['data=ordered', 'data=writeback'];

/**
 * Case and run files written before mount modes said `reuse`: immediate
 * reuse is what data=writeback does, reuse after the commit what
 * data=ordered does.
 */
export const LEGACY_REUSE = { immediate: 'data=writeback', 'after-commit': 'data=ordered' } as const satisfies Record<string, Mount>;

export function isOrdered(mount: Mount): boolean {
  return mount === 'data=ordered';
}
