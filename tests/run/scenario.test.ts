import { describe, expect, it } from 'vitest';
import { parseScenario, threadCount } from '../../src/run/scenario';

/** Scenario files: the mount and layout, and the files written before them (issue 17, item 1). */
describe('scenarios', () => {
  const base = { variant: 'ext4-3.11', blocksPerPage: 2, pages: 1, cache: ['none'], punch: { start: 0, length: 1 }, threads: [{ op: 'barWrite' }] };

  it('read a file written before mount modes: immediate reuse is data=writeback, after-commit data=ordered, foo contiguous', () => {
    expect(parseScenario({ ...base, reuse: 'immediate' })).toMatchObject({ mount: 'data=writeback', layout: 'contiguous' });
    expect(parseScenario({ ...base, reuse: 'after-commit' })).toMatchObject({ mount: 'data=ordered', layout: 'contiguous' });
    expect(parseScenario({ ...base, reuse: 'immediate' })).not.toHaveProperty('reuse');
  });

  it('take a mount or a reuse, not both and not neither', () => {
    expect(() => parseScenario({ ...base, reuse: 'immediate', mount: 'data=writeback' })).toThrow(/^mount: give the mount/);
    expect(() => parseScenario(base)).toThrow(/^mount: give the mount/);
    expect(() => parseScenario({ ...base, mount: 'data=journal' })).toThrow(/^mount: must be one of data=ordered, data=writeback/);
    expect(() => parseScenario({ ...base, mount: 'data=ordered', layout: 'sparse' })).toThrow(/^layout: must be one of/);
  });

  it("count jbd2's thread under data=ordered only", () => {
    expect(threadCount(parseScenario({ ...base, mount: 'data=ordered' }))).toBe(3);
    expect(threadCount(parseScenario({ ...base, mount: 'data=writeback' }))).toBe(2);
  });
});
