import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario';
import type { Scenario } from '../../src/run/scenario';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { variantProblem } from '../../src/variants/check-variant';
import { loadVariantFile } from '../../src/variants/load-variant-file';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import type { Variant } from '../../src/variants/variant';

/**
 * The naive fixes of examples/naive-fixes, each a file that loads only
 * because it says lockOrderAtLoad "allow", explored to the deadlock it
 * brings, with the era it changes holding the same family.
 */
const deadlock = (v: Variant, userBuffers: boolean) =>
  exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: ['write'], threads: 1, userBuffers, claims: ['no-deadlock'], maxStates: 1_000_000 })[0];

describe('naive fixes', () => {
  const file = 'examples/naive-fixes/fault-takes-i_rwsem.json';

  it('(a) page faults taking i_rwsem: write(2) from a mapping of foo deadlocks on itself, in 3 steps, and the case replays', () => {
    const fix = loadVariantFile(file);
    const cell = deadlock(fix, true);
    expect(cell.verdict).toBe('violated');
    expect(cell.shortestSteps).toBe(3);
    const c = cell.case!;
    expect((c.scenario as Scenario).threads).toEqual([{ op: 'write', page: 0, buffer: 'foo' }]);
    const r = runScenario(c.scenario as Scenario, c.schedule, { variant: fix, claims: ['no-deadlock'], strict: true });
    expect(r.violation?.message).toBe('no thread can move: thread 0 in inode_lock, thread 1 in inode_lock_shared');
  });

  it('(a) holds where the write faults nothing in, and 3.15 itself holds with the fault-in', () => {
    expect(deadlock(loadVariantFile(file), false).verdict).toBe('held');
    expect(deadlock(builtinVariant('ext4-3.15'), true).verdict).toBe('held');
  });

  it('(a) is a lock-order cycle at load, i_rwsem taken under itself, unless the file allows it', () => {
    const { lockOrderAtLoad: _allow, ...rest } = JSON.parse(readFileSync(file, 'utf8'));
    expect(variantProblem(resolveVariant(rest))?.message).toBe(
      'locks.fault.0: lock order cycle: i_rwsem -> i_rwsem (held from locks.write.0, taken at locks.fault.0)',
    );
  });
});
