import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, DEFAULT_CASES_DIR } from '../../src/cases/case-store';
import { exploreCommand } from '../../src/cli/commands/explore';
import { huntCommand } from '../../src/cli/commands/hunt';

/**
 * Default commands never write into the committed corpus: hunt and explore
 * put their cases in the git-ignored out/cases unless --out says otherwise
 * (`--out shrunk-cases` is how a case joins the corpus).
 */
describe('where cases go by default', () => {
  it('hunt and explore: out/cases, not shrunk-cases; --out is obeyed', () => {
    expect(DEFAULT_CASES_DIR).not.toBe(CORPUS_DIR);
    for (const command of [huntCommand, exploreCommand]) {
      const plan = command.parse(['--variant', 'ext4-3.11', '--blocks-per-page', '1']) as { out: string };
      expect(plan.out.endsWith(DEFAULT_CASES_DIR), command.name).toBe(true);
      // (Not --out shrunk-cases here: checking a directory probes it with a file, and tests never write there.)
      const mine = mkdtempSync(join(tmpdir(), 'default-out-'));
      const chosen = command.parse(['--variant', 'ext4-3.11', '--out', mine]) as { out: string };
      expect(chosen.out, command.name).toBe(mine);
      rmSync(mine, { recursive: true, force: true });
    }
  });
});
