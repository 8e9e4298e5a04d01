import { commitFreedBlocks } from '../model/allocator';
import { G } from '../model/layout';
import { type Program, ProgramBuilder } from './program';

/**
 * jbd2 commits the running transaction: it waits until no handle is open,
 * then the blocks freed in it become reusable (after-commit reuse).
 */
export function journalCommitProgram(): Program {
  const b = new ProgramBuilder('journalCommit');
  b.step('jbd2_journal_commit_transaction', (s) => s[G.JOURNAL_HANDLES] === 0, (s, _t, m) => {
    commitFreedBlocks(s, m.layout);
  });
  return b.build();
}
