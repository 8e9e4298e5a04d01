import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CLAIM_NAMES } from '../claims/claim';
import { casePath, saveCase } from '../cases/case-store';
import { HUNT_STRATEGIES } from '../schedulers/scheduler';
import type { ExpectedMatrix, MatrixCell } from '../search/expected-matrix';
import { huntCell, type HuntResult } from '../search/hunt-cell';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { builtinVariant } from '../variants/resolve-variant';
import { runCli } from './user-error';

/**
 * `npm run discover`: hunt every built-in variant x claim x geometry with
 * every strategy and a few seeds, save the cases found, and write
 * properties/expected-matrix.json with the best (fastest) finder per cell.
 */
void runCli('discover', () => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'properties/expected-matrix.json' },
      cases: { type: 'string', default: 'shrunk-cases' },
      runs: { type: 'string', default: '20000' },
      'exhaustive-runs': { type: 'string', default: '150' },
      'exhaustive-states': { type: 'string', default: '30000' },
    },
  });
  const budget = {
    schedulerRuns: Number(values.runs),
    exhaustiveRuns: Number(values['exhaustive-runs']),
    exhaustiveStates: Number(values['exhaustive-states']),
    seeds: [1, 2, 3],
  };
  const cells: MatrixCell[] = [];
  for (const blocksPerPage of [1, 2] as const) {
    for (const name of BUILTIN_VARIANT_NAMES) {
      for (const claim of CLAIM_NAMES) {
        const cell = { variant: builtinVariant(name), claim, blocksPerPage };
        let best: { strategy: (typeof HUNT_STRATEGIES)[number]; seed: number; r: HuntResult } | null = null;
        for (const strategy of HUNT_STRATEGIES) {
          for (const seed of budget.seeds) {
            const exhaustive = strategy === 'exhaustive';
            const r = huntCell(cell, {
              strategy, seed, runs: exhaustive ? budget.exhaustiveRuns : budget.schedulerRuns,
              maxStatesPerRun: budget.exhaustiveStates, budgetMs: 4000,
            });
            if (r.found && (best === null || (r.msToFirstFailure ?? 0) < (best.r.msToFirstFailure ?? 0))) best = { strategy, seed, r };
          }
        }
        if (best?.r.case) {
          saveCase(values.cases, best.r.case);
          cells.push({
            variant: name, claim, blocksPerPage, verdict: 'violated', strategy: best.strategy, seed: best.seed,
            runs: best.r.runs, steps: best.r.case.schedule.length, case: relative('.', casePath(values.cases, best.r.case)),
          });
        } else {
          cells.push({ variant: name, claim, blocksPerPage, verdict: 'not-found', strategy: null, seed: null, runs: 0, steps: null, case: null });
        }
        const c = cells[cells.length - 1];
        process.stderr.write(`${name} ${claim} B=${blocksPerPage}: ${c.verdict}${c.strategy ? ` by ${c.strategy} seed ${c.seed} in ${c.runs} runs, ${c.steps} steps` : ''}\n`);
      }
    }
  }
  const matrix: ExpectedMatrix = { generatedBy: 'npm run discover', budget, cells };
  writeFileSync(values.out, `${JSON.stringify(matrix, null, 1)}\n`);
});
