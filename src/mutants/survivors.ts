import { MUTANT_PREFIX } from './mutant-base';

/**
 * Why each mutant that the explorer finds breaking nothing is no evidence
 * of a toothless claim: one line each, written after reading its result in
 * results/MUTANTS.md. A mutant missing here that breaks nothing fails the test, so
 * a new survivor is always looked at.
 */
export const SURVIVORS: Readonly<Record<string, string>> = {
  [`${MUTANT_PREFIX}drop-journal-handle`]:
    'a gap: under data=writeback (the mutants\' mount) no freed block waits for a commit, and the model counts open handles only, so a transaction\'s atomicity is not modelled',
  [`${MUTANT_PREFIX}read.update-without-invalidate_lock`]:
    'covered by another lock in the model: a page is found not uptodate only while the thread that inserted it reads it in, holding invalidate_lock shared itself; read errors, which leave such a page for another reader to retry, are not modelled',
  [`${MUTANT_PREFIX}write-shared-i_rwsem`]:
    'equivalent for these claims: shared still excludes the punch\'s exclusive hold, and two writers are serialised on the page lock with whole-page writes that cannot tear',
  [`${MUTANT_PREFIX}dio.write-shared-i_rwsem`]:
    'equivalent: shared still excludes the punch\'s exclusive hold and inode_dio_wait covers the I/O in flight; ext4 itself takes i_rwsem shared for aligned overwrites since 5.x',
  [`${MUTANT_PREFIX}naive-punch-handle-under-i_data_sem`]:
    'a gap of the mutants\' mount: under data=writeback the model runs no jbd2 commit, so ext4_journal_start never waits; under data=ordered the same fix on ext4-5.15 deadlocks in 16 steps (examples/naive-fixes/punch-holds-i_data_sem.json, tests/variants/naive-fixes.test.ts)',
};
