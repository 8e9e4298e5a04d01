import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../src/cases/load-case';
import { replayCase } from '../src/cases/replay-case';
import { readExpectedMatrix } from '../src/results/expected-matrix';

/** Every file under shrunk-cases/ must parse and still reproduce its violation, forever. */
function caseFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return caseFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const files = caseFiles('shrunk-cases').sort();
const matrix = readExpectedMatrix();

describe('replay gate', () => {
  it('has a committed case for every violated cell of the matrix', () => {
    for (const cell of matrix.cells.filter((c) => c.verdict === 'violated')) {
      expect(cell.case && existsSync(cell.case), `${cell.variant} ${cell.claim} B=${cell.blocksPerPage}`).toBe(true);
    }
  });

  it.each(files)('%s reproduces', (file) => {
    const outcome = replayCase(loadCase(file));
    expect(outcome.reproduced).toBe(true);
    expect(outcome.steps).toBe(loadCase(file).data.schedule.length);
  });
});
