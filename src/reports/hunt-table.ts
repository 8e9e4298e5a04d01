import pc from 'picocolors';
import _ from 'lodash';
import type { ClaimName } from '../claims/claim';
import type { Mount } from '../model/mount';
import type { MixResult } from '../search/hunt/hunt-mix';

export interface HuntRow {
  readonly variant: string;
  readonly mount: Mount;
  readonly claim: ClaimName;
  readonly blocksPerPage: 1 | 2;
  /** null for a cell not searched. */
  readonly result: MixResult | null;
  /** Why the cell was not searched: the operations chosen cannot break its claim. */
  readonly notSearched?: string | null;
  /** The explorer's shortest length for this cell, when known (explorer-lengths.ts). */
  readonly explorerSteps?: number | null;
}

/** Short column heads, so the table fits a terminal: the claims' own words. */
const HEADS: Readonly<Record<ClaimName, string>> = {
  'no-page-maps-freed-block': 'page-maps-freed',
  'no-stale-data-after-fallocate': 'stale-data',
  'bar-never-overwritten-by-foo': 'bar-overwritten',
  'no-foreign-data-exposed': 'foreign-data',
  'no-lost-write': 'lost-write',
  'no-deadlock': 'deadlock',
};

/**
 * The hunt's matrix for a terminal: one table per mount and geometry, a row per
 * variant, a column per claim; a cell is the shortest length of the race
 * found (red) or "-" when none was found within the budget (green, and not
 * a proof: `npm run explore` is what proves), or "n/s" when not searched,
 * since the operations chosen cannot break the claim. A length below the explorer's
 * shortest is starred: a race outside the explorer's bounds (two pages).
 */
export function huntTable(rows: readonly HuntRow[], colour: boolean): string {
  const c = colour ? pc : pc.createColors(false);
  const claims = _.uniq(rows.map((r) => r.claim));
  const variants = _.uniq(rows.map((r) => r.variant));
  const width = Math.max(8, ...variants.map((v) => v.length));
  const cols = claims.map((claim) => Math.max(HEADS[claim].length, 12));
  const out: string[] = [];
  let starred = 0;
  let notSearched = 0;
  const sections = _.uniqWith(rows.map((r) => ({ mount: r.mount, b: r.blocksPerPage })), _.isEqual);
  for (const { mount, b } of sections) {
    out.push(c.bold(`${mount}, ${b === 1 ? 'one block a page' : 'two blocks a page'}`));
    out.push(`${''.padEnd(width)}  ${claims.map((claim, k) => HEADS[claim].padEnd(cols[k])).join('  ')}`);
    for (const v of variants) {
      const cells = claims.map((claim, k) => {
        const row = rows.find((r) => r.variant === v && r.mount === mount && r.claim === claim && r.blocksPerPage === b);
        if (row === undefined) return ''.padEnd(cols[k]);
        const r = row.result;
        if (r === null) {
          notSearched++;
          return c.yellow('n/s'.padEnd(cols[k]));
        }
        if (!r.found) return c.green('-'.padEnd(cols[k]));
        const steps = r.shortestSteps ?? r.shrunkSteps ?? 0;
        const below = row.explorerSteps != null && steps < row.explorerSteps;
        if (below) starred++;
        return c.red(`${steps} steps${below ? '*' : ''}`.padEnd(cols[k]));
      });
      out.push(`${v.padEnd(width)}  ${cells.join('  ')}`);
    }
    out.push('');
  }
  out.push(`${c.red('N steps')}: violated, the shortest counterexample for its scenario; ${c.green('-')}: not found within the budget (not a proof)`);
  if (notSearched > 0) out.push(`${c.yellow('n/s')}: not searched: the operations chosen (--ops, --threads) cannot break this claim`);
  if (starred > 0) out.push(`*: shorter than the explorer's shortest (results/MATRIX.md, one page): a race outside its bounds`);
  return `${out.join('\n')}\n`;
}
