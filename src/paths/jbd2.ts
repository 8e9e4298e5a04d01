import { commitTransaction, hasTransactionToCommit, lockTransaction, noOpenHandles } from '../model/journal';
import { jump, ProgramBuilder } from './program';
import type { Program } from '../model/program';

/**
 * The journal's commit thread (kjournald2), a daemon present in every
 * data=ordered scenario: whenever the running transaction has had a handle,
 * it may commit it (periodically, or forced by a full journal, fsync or a
 * restarted handle): lock the transaction (new handles wait from now on),
 * then, once every open handle has stopped, commit it: its freed blocks go
 * back to the allocator and new handles start the next transaction. Then it
 * waits for the next one. (3.13 - 5.15 fs/jbd2/commit.c
 * jbd2_journal_commit_transaction; the freed blocks return in
 * ext4_journal_commit_callback.)
 *
 * In the kernel new handles are let in (T_FLUSH) before the commit record
 * is written and the callback runs; here both happen in one step, as if
 * the callback came at once. A run where it comes later differs only in
 * that an allocation in between cannot have the committed blocks yet,
 * which a run that allocates after the commit covers; the states in
 * between are not kept, to keep the families explorable.
 */
export function jbd2Program(): Program {
  const b = new ProgramBuilder('jbd2');
  const again = b.label('kjournald2');
  b.here(again);
  b.step('jbd2_journal_commit_transaction', (s) => hasTransactionToCommit(s), (s) => lockTransaction(s));
  b.step('jbd2_journal_wait_updates', (s) => noOpenHandles(s), (s, t, m) => {
    commitTransaction(s, m.layout);
    jump(s, t, again);
  });
  return b.build();
}
