import { G, JOURNAL_LOCKED, JOURNAL_RUNNING, type Layout, OWNER_FREE, OWNER_FREED_UNCOMMITTED } from './layout';
import type { State } from './state';

/**
 * jbd2, as far as the races see it (3.13, 4.4, 5.10 and 5.15
 * fs/jbd2/commit.c jbd2_journal_commit_transaction, fs/jbd2/transaction.c
 * start_this_handle and wait_transaction_locked):
 *
 * - a handle joins the running transaction (t_updates + 1), unless a commit
 *   has locked it: then ext4_journal_start sleeps until the commit has seen
 *   every open handle stop and switched to a new transaction;
 * - a commit locks the running transaction (T_LOCKED), waits for its open
 *   handles (t_updates == 0), then lets new handles start a new transaction
 *   (T_FLUSH); the blocks freed in the committed transaction return to the
 *   allocator only at its commit callback (ext4_free_data_callback in 3.x
 *   and 4.x, ext4_process_freed_data in 5.x), after the commit record. The
 *   model does both at once (paths/jbd2.ts says why).
 *
 * Handles with reserved credits, the journal's size and checkpointing are
 * not modelled.
 */


/** start_this_handle would not sleep: no commit holds the running transaction locked. */
export function canStartHandle(s: State): boolean {
  return s[G.JOURNAL_STATE] === JOURNAL_RUNNING;
}

export function startHandle(s: State): void {
  s[G.JOURNAL_HANDLES]++;
  s[G.TXN_STARTED] = 1;
}

export function stopHandle(s: State): void {
  s[G.JOURNAL_HANDLES]--;
}

/** jbd2 has a transaction to commit: some handle joined the running one. */
export function hasTransactionToCommit(s: State): boolean {
  return s[G.TXN_STARTED] !== 0 && s[G.JOURNAL_STATE] === JOURNAL_RUNNING;
}

/** T_LOCKED: from now on new handles wait. */
export function lockTransaction(s: State): void {
  s[G.JOURNAL_STATE] = JOURNAL_LOCKED;
}

export function noOpenHandles(s: State): boolean {
  return s[G.JOURNAL_HANDLES] === 0;
}

/**
 * Every handle has stopped: the transaction commits, the blocks freed in it
 * return to the allocator, and new handles start the next one.
 */
export function commitTransaction(s: State, L: Layout): void {
  for (let b = 0; b < L.deviceBlocks; b++) {
    if (s[L.deviceOwner + b] === OWNER_FREED_UNCOMMITTED) s[L.deviceOwner + b] = OWNER_FREE;
  }
  s[G.JOURNAL_STATE] = JOURNAL_RUNNING;
  s[G.TXN_STARTED] = 0;
}
