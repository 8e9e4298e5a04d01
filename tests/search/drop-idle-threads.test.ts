import { describe, expect, it } from 'vitest';
import { dropIdleThreads } from '../../src/search/minimise/drop-idle-threads';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { scenario, times } from '../helpers';

describe('dropping idle threads', () => {
  it('renumbers the threads left, jbd2\'s (after them, under data=ordered) included', () => {
    // 3.11, data=ordered: thread 1 (a read) never moves; bar (2) gets block 0 once jbd2 (3) has committed the punch's frees.
    const sc = scenario({ variant: 'ext4-3.11', mount: 'data=ordered', threads: [{ op: 'read', page: 1 }, { op: 'barWrite' }] });
    const schedule = [...times(0, 10), 3, 3, 2, 2];
    const r = dropIdleThreads(builtinVariant('ext4-3.11'), 'no-page-maps-freed-block', sc, schedule);
    // Nothing breaks here, so the smaller scenario is not taken: but the renaming must not fail on jbd2's thread.
    expect(r.scenario.threads).toHaveLength(2);
    const racy = scenario({ variant: 'ext4-3.11', mount: 'data=ordered', layout: 'discontiguous', threads: [{ op: 'write', page: 1 }, { op: 'read', page: 0 }] });
    const before = [0, 0, 0, 0, 0, 2, 2, 2, 0, 0, 0];
    const dropped = dropIdleThreads(builtinVariant('ext4-3.11'), 'no-page-maps-freed-block', racy, before);
    expect(dropped.scenario.threads).toEqual([{ op: 'read', page: 0 }]);
    expect(dropped.schedule).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]);
  });
});
