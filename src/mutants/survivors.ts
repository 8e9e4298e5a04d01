/**
 * Why each mutant that the explorer finds breaking nothing is no evidence
 * of a toothless claim: one line each, written after reading its result in
 * MUTANTS.md. A mutant missing here that breaks nothing fails the test, so
 * a new survivor is always looked at.
 */
export const SURVIVORS: Readonly<Record<string, string>> = {
  'ext4-5.15--drop-filemap_write_and_wait_range':
    'equivalent in the model: T drops the range\'s dirty pages anyway and keeps the other blocks of a partly punched page; the kernel flushes for data=ordered journalling and unwritten-extent conversion, which the model leaves out',
  'ext4-5.15--drop-journal-handle':
    'a gap: the model counts open journal handles only, and under immediate mount (the matrix\'s bounds) no block waits for a commit, so a transaction\'s atomicity is not modelled',
  'ext4-5.15--read.update-without-invalidate_lock':
    'covered by another lock in the model: a page is found not uptodate only while the thread that inserted it reads it in, holding invalidate_lock shared itself; read errors, which leave such a page for another reader to retry, are not modelled',
  'ext4-5.15--write-shared-i_rwsem':
    'equivalent for these claims: shared still excludes the punch\'s exclusive hold, and two writers are serialised on the page lock with whole-page writes that cannot tear',
  'ext4-5.15--dio.write-shared-i_rwsem':
    'equivalent: shared still excludes the punch\'s exclusive hold and inode_dio_wait covers the I/O in flight; ext4 itself takes i_rwsem shared for aligned overwrites since 5.x',
};
