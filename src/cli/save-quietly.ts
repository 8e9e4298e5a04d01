import type { ShrunkCase } from '../cases/case-format';
import { type SaveOutcome, saveCase, saveOutcomeWords } from '../cases/case-store';
import { errnoWords } from '../files/input-file';
import { UserError } from '../files/user-error';

/**
 * Save a case found after minutes of work without losing the rest: a
 * failure to write (a full or read-only file system, a directory swapped
 * for a link out of --out) is returned as words for the report, with the
 * command's exit code set to 1, instead of ending the command.
 */
export function saveQuietly(dir: string, c: ShrunkCase): { outcome: SaveOutcome | 'failed'; words: string } {
  try {
    const outcome = saveCase(dir, c);
    if (outcome === 'conflict' || outcome === 'corrupt') process.exitCode = 1;
    return { outcome, words: saveOutcomeWords(outcome) };
  } catch (e) {
    if (!(e instanceof UserError) && !(e as NodeJS.ErrnoException).code) throw e;
    process.exitCode = 1;
    return { outcome: 'failed', words: `NOT saved: ${e instanceof UserError ? e.message : errnoWords(e)}` };
  }
}
