import { existsSync, readFileSync } from 'node:fs';
import type { ClaimName } from '../claims/claim';
import { exploredMatrixSchema } from '../results/explored-matrix';
import { RESULT_FILES } from '../results/result-files';
import type { Mount } from '../model/mount';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { builtinVariant } from '../variants/resolve-variant';
import type { Variant } from '../variants/variant';

/** The explored matrix the lengths come from: written by `npm run matrix`, one page, up to three threads. */
export const EXPLORED_MATRIX = new URL(`../../${RESULT_FILES.exploredMatrix}`, import.meta.url);

/**
 * The explorer's shortest length for a cell of a built-in variant, from the
 * explored matrix, or null: not a built-in variant (one read from a file,
 * even under a built-in's name), a cell the explorer did not break, or no
 * readable matrix. The hunt draws two pages, the explorer one, so a hunt can
 * report a race shorter than this: one outside the explorer's bounds.
 */
export function explorerLengths(file: URL | string = EXPLORED_MATRIX): (variant: Variant, mount: Mount, claim: ClaimName, blocksPerPage: 1 | 2) => number | null {
  const byCell = new Map<string, number>();
  try {
    if (existsSync(file)) {
      const parsed = exploredMatrixSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      for (const c of parsed.cells) {
        if (c.verdict === 'violated' && typeof c.shortestSteps === 'number') byCell.set(`${c.variant}|${c.mount}|${c.claim}|${c.blocksPerPage}`, c.shortestSteps);
      }
    }
  } catch {
    // A matrix being rewritten or hand-edited only costs the marks in the table.
  }
  return (variant, mount, claim, blocksPerPage) => {
    if (!(BUILTIN_VARIANT_NAMES as readonly string[]).includes(variant.name) || builtinVariant(variant.name) !== variant) return null;
    return byCell.get(`${variant.name}|${mount}|${claim}|${blocksPerPage}`) ?? null;
  };
}
