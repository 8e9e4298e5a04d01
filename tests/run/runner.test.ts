import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/model/fingerprint';
import { run } from '../../src/run/runner';
import { runScenario } from '../../src/run/run-scenario';
import { ScenarioError } from '../../src/run/scenario';
import { exact, scenario, setup } from '../helpers';

const sc = scenario({
  variant: 'ext4-3.11', cache: ['clean-buffers', 'dirty'],
  threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }, { op: 'readahead', page: 0, count: 2 }],
});
const schedule = [4, 1, 0, 1, 2, 3, 0, 0, 1, 4, 4, 2, 3, 0, 1, 1, 3, 4, 0, 2];

describe('runner', () => {
  it('gives the same trace, schedule, verdict and final state for the same input', () => {
    const a = runScenario(sc, schedule, { trace: true });
    const b = runScenario(sc, schedule, { trace: true });
    expect(b.trace).toEqual(a.trace);
    expect(b.schedule).toEqual(a.schedule);
    expect(b.violation).toEqual(a.violation);
    expect(fingerprint(b.final)).toBe(fingerprint(a.final));
  });

  it('does not change the initial state it is given', () => {
    const { m, s0 } = setup(sc);
    const before = fingerprint(s0);
    run(m, s0, schedule);
    expect(fingerprint(s0)).toBe(before);
  });

  it('records the schedule as executed, which replays exactly in strict mode', () => {
    const lenient = runScenario(sc, schedule, { trace: true });
    const strict = runScenario(sc, lenient.schedule, { trace: true, strict: true });
    expect(strict.trace).toEqual(lenient.trace);
  });

  it('replaces a scheduled thread that cannot move by the next that can, unless strict', () => {
    const s = scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 1 }] });
    // After the punch's inode_lock, thread 0 can still move; after it finishes, only thread 1 can.
    const r = runScenario(s, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], { trace: true });
    expect(r.schedule.slice(10, 12)).toEqual([1, 1]);
    expect(() => runScenario(s, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], { strict: true })).toThrow(/schedule.10: thread 0 cannot/);
    expect(() => runScenario(s, [7], { strict: true })).toThrow(/schedule.0: thread 7 does not exist/);
  });

  it('runs non-preemptively past the end of the schedule', () => {
    const r = exact(scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 1 }] }), [1]);
    expect(r.schedule).toEqual([1, 1, 1, 1, 1, 1, ...Array(10).fill(0)]);
  });

  it('stops at maxSteps without a verdict', () => {
    const r = runScenario(sc, [], { maxSteps: 3 });
    expect(r.schedule).toHaveLength(3);
    expect(r.finished).toBe(false);
  });

  it('checks claims on the initial state too', () => {
    const r = runScenario(scenario({ variant: 'patlasov-v1', cache: ['clean-buffers', 'none'] }), [], { claims: ['no-page-maps-freed-block'] });
    expect(r.violation?.step).toBe(6); // right after RM: no race needed on this variant
    expect(r.violation?.stepName).toBe('ext4_ext_rm_leaf');
  });

  it('rejects an inconsistent scenario with the field named', () => {
    expect(() => runScenario(scenario({ punch: { start: 3, length: 2 } }), [])).toThrow(ScenarioError);
    expect(() => runScenario(scenario({ threads: [{ op: 'read', page: 5 }] }), [])).toThrow(/threads.0.page/);
    expect(() => runScenario(scenario({ cache: ['none'] }), [])).toThrow(/^cache:/);
  });
});
