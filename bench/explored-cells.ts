import { readFileSync } from 'node:fs';
import _ from 'lodash';
import { CLAIM_NAMES, type ClaimName } from '../src/claims/claim';
import type { Mount } from '../src/model/mount';

/** The explorer's bounds, from the matrix file: the benches draw within them so lengths compare with its shortest. */
export interface Bounds {
  readonly pages: number;
  readonly threads: number;
}

/** A cell MATRIX.md shows broken, with the explorer's shortest length. */
export interface BrokenCell {
  readonly variant: string;
  readonly mount: Mount;
  readonly claim: ClaimName;
  readonly blocksPerPage: 1 | 2;
  readonly shortestSteps: number;
}

/** The broken cells of properties/explored-matrix.json (claims of this harness only) and the bounds they were explored in. */
export function exploredBrokenCells(): { bounds: Bounds; cells: BrokenCell[] } {
  const explored = JSON.parse(readFileSync('properties/explored-matrix.json', 'utf8')) as {
    bounds: Bounds;
    cells: Array<BrokenCell & { verdict: string }>;
  };
  const cells = explored.cells
    .filter((c) => c.verdict === 'violated' && (CLAIM_NAMES as readonly string[]).includes(c.claim))
    .map((c) => _.pick(c, ['variant', 'mount', 'claim', 'blocksPerPage', 'shortestSteps']));
  return { bounds: _.pick(explored.bounds, ['pages', 'threads']), cells };
}
