import { readExploredMatrix } from '../src/results/explored-matrix';
import _ from 'lodash';
import type { ClaimName } from '../src/claims/claim';
import type { Mount } from '../src/model/mount';

/** The explorer's bounds, from the matrix file: the benches draw within them so lengths compare with its shortest. */
export interface Bounds {
  readonly pages: number;
  readonly threads: number;
}

/** A cell results/MATRIX.md shows broken, with the explorer's shortest length. */
export interface BrokenCell {
  readonly variant: string;
  readonly mount: Mount;
  readonly claim: ClaimName;
  readonly blocksPerPage: 1 | 2;
  readonly shortestSteps: number;
}

/** The broken cells of results/explored-matrix.json (claims of this harness only) and the bounds they were explored in. */
export function exploredBrokenCells(): { bounds: Bounds; cells: BrokenCell[] } {
  const explored = readExploredMatrix();
  const cells = explored.cells.flatMap((c) => (c.verdict === 'violated' && c.shortestSteps !== null ? [{ ..._.pick(c, ['variant', 'mount', 'claim', 'blocksPerPage']), shortestSteps: c.shortestSteps }] : []));
  return { bounds: _.pick(explored.bounds, ['pages', 'threads']), cells };
}
