import { describe, expect, it } from 'vitest';
import { run } from '../../src/run/runner';
import { scenario, setup, times } from '../helpers';

// Jan Kara's race on ext4-3.11: mmapWrite, barWrite and writeback beside the punch.
const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }] });
const ops = ['punch', 'mmapWrite', 'barWrite', 'writeback'];

describe('the runner, in detail', () => {
  it('traces every step with its thread\'s operation, numbered from 1, device writes included', () => {
    const { m, s0 } = setup(sc);
    const r = run(m, s0, [...times(0, 3), ...times(1, 10), ...times(0, 7), 2, 2, 3, 3], { trace: true, claims: [] });
    expect(r.trace.map((e) => e.step)).toEqual(r.schedule.map((_, k) => k + 1));
    for (const e of r.trace) expect(e.op).toBe(ops[e.thread]);
    const writes = r.trace.filter((e) => e.changes.some((c) => c.startsWith('device write block')));
    expect(writes.map((e) => `${e.thread} ${e.name}`)).toContain('2 submit_bio');
    // A step that changes nothing says so by an empty list, never by a leftover note of another step.
    for (const e of r.trace) if (e.name !== 'submit_bio') expect(e.changes.filter((c) => c.startsWith('device write'))).toEqual([]);
  });

  it('records no trace unless asked', () => {
    const { m, s0 } = setup(sc);
    expect(run(m, s0, [0, 0, 1], { claims: [] }).trace).toEqual([]);
  });

  it('a run that finishes is finished and not stuck; a run cut short by maxSteps is neither', () => {
    const { m, s0 } = setup(sc);
    const done = run(m, s0, [], { claims: [] });
    expect(done.finished).toBe(true);
    expect(done.stuck).toBe(false);
    const cut = run(m, s0, [], { claims: [], maxSteps: 3 });
    expect(cut.schedule).toHaveLength(3);
    expect(cut.finished).toBe(false);
    expect(cut.stuck).toBe(false);
  });
});
