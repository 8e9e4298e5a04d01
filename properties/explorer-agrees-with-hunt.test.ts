import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CLAIM_NAMES } from '../src/claims/claim';
import { huntCell } from '../src/search/hunt-cell';
import { builtinVariant } from '../src/variants/resolve-variant';

/**
 * The exhaustive matrix (properties/explored-matrix.json, written by
 * `npm run matrix`) and the hunt must never contradict each other: a cell the
 * explorer proves held, within its bounds, must not be broken by the hunt at
 * those same bounds. Each held cell is hunted with two strategies.
 */
const explored = z
  .object({
    bounds: z.object({ pages: z.number(), threads: z.number(), mount: z.literal('data=writeback') }),
    cells: z.array(z.object({
      variant: z.string(), claim: z.enum(CLAIM_NAMES), blocksPerPage: z.union([z.literal(1), z.literal(2)]),
      verdict: z.enum(['violated', 'held', 'incomplete']), states: z.number(), case: z.string().nullable(),
    })),
  })
  .parse(JSON.parse(readFileSync('properties/explored-matrix.json', 'utf8')));

const held = explored.cells.filter((c) => c.verdict === 'held');

describe('the explorer and the hunt agree', () => {
  it('the explorer proves ext4-5.15 keeps every claim in both geometries', () => {
    const fixed = explored.cells.filter((c) => c.variant === 'ext4-5.15');
    expect(fixed).toHaveLength(CLAIM_NAMES.length * 2);
    expect(fixed.every((c) => c.verdict === 'held')).toBe(true);
  });

  it('the explorer finds every older variant breaking something', () => {
    for (const v of ['ext4-3.11', 'patlasov-v1', 'ext4-3.15', 'ext4-4.5']) {
      expect(explored.cells.some((c) => c.variant === v && c.verdict === 'violated'), v).toBe(true);
    }
  });

  it.each(held.map((c) => [`${c.variant} ${c.claim} B=${c.blocksPerPage} (${c.states} states)`, c] as const))(
    'held %s: the hunt at the same bounds finds nothing',
    (_label, c) => {
      for (const strategy of ['preemption', 'random'] as const) {
        const r = huntCell(
          {
            variant: builtinVariant(c.variant), claim: c.claim, blocksPerPage: c.blocksPerPage,
            pages: explored.bounds.pages, maxThreads: explored.bounds.threads, mount: [explored.bounds.mount],
          },
          { strategy, seed: 11, runs: 300, polish: false },
        );
        expect(r.found, r.case ? JSON.stringify(r.case.violation) : '').toBe(false);
      }
    },
  );
});
