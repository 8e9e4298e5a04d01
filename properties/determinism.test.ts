import { fc, test } from '@fast-check/vitest';
import { CLAIMS } from '../src/claims/index';
import { fingerprint } from '../src/model/fingerprint';
import { cloneState } from '../src/model/state';
import { CONCURRENT_OPS } from '../src/model/ops';
import { initialState, modelFor } from '../src/run/initial-state';
import { run } from '../src/run/runner';
import type { Scenario, ThreadSpec } from '../src/run/scenario';
import { CACHE_STATES } from '../src/run/scenario';
import { BUILTIN_VARIANT_NAMES } from '../src/variants/builtin-variants';
import { FILE_LAYOUTS } from '../src/model/file-layout';
import { builtinVariant } from '../src/variants/resolve-variant';

// A small, self-contained scenario generator for these laws; the hunt's own arbitraries come with issue 3.
const threadArb = (pages: number): fc.Arbitrary<ThreadSpec> =>
  fc.constantFrom(...CONCURRENT_OPS).chain((op): fc.Arbitrary<ThreadSpec> => {
    if (op === 'barWrite') return fc.constant({ op });
    if (op === 'readahead') return fc.constant({ op, page: 0, count: pages });
    return fc.integer({ min: 0, max: pages - 1 }).map((page) => ({ op, page }));
  });

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ variant: fc.constantFrom(...BUILTIN_VARIANT_NAMES), blocksPerPage: fc.constantFrom(1 as const, 2 as const) })
  .chain(({ variant, blocksPerPage }) =>
    fc.record({
      variant: fc.constant(variant),
      blocksPerPage: fc.constant(blocksPerPage),
      pages: fc.constant(2),
      mount: fc.constantFrom('data=writeback' as const, 'data=ordered' as const),
      layout: fc.constantFrom(...FILE_LAYOUTS),
      cache: fc.array(fc.constantFrom(...CACHE_STATES), { minLength: 2, maxLength: 2 }),
      punch: fc.integer({ min: 0, max: 2 * blocksPerPage - 1 }).chain((start) =>
        fc.integer({ min: 1, max: 2 * blocksPerPage - start }).map((length) => ({ start, length })),
      ),
      threads: fc.array(threadArb(2), { maxLength: 4 }),
    }),
  );

const scheduleArb = fc.array(fc.nat({ max: 4 }), { maxLength: 80 });

test.prop([scenarioArb, scheduleArb], { seed: 20261124, numRuns: 300 })(
  'the same scenario and schedule give the same trace, verdict and final state',
  (sc, schedule) => {
    const m = modelFor(sc, builtinVariant(sc.variant));
    const s0 = initialState(m, sc);
    const a = run(m, s0, schedule, { trace: true });
    const b = run(m, s0, schedule, { trace: true });
    return JSON.stringify(a.trace) === JSON.stringify(b.trace) && fingerprint(a.final) === fingerprint(b.final) &&
      JSON.stringify(a.violation) === JSON.stringify(b.violation);
  },
);

test.prop([scenarioArb, scheduleArb], { seed: 20261124, numRuns: 300 })(
  'the executed schedule replays strictly to the same final state',
  (sc, schedule) => {
    const m = modelFor(sc, builtinVariant(sc.variant));
    const s0 = initialState(m, sc);
    const a = run(m, s0, schedule);
    const b = run(m, s0, a.schedule, { strict: true, maxSteps: a.schedule.length });
    return fingerprint(a.final) === fingerprint(b.final);
  },
);

test.prop([scenarioArb, scheduleArb], { seed: 20261124, numRuns: 200 })(
  'claims are pure: checking them changes no state',
  (sc, schedule) => {
    const m = modelFor(sc, builtinVariant(sc.variant));
    const r = run(m, initialState(m, sc), schedule, { claims: [] });
    const before = cloneState(r.final);
    for (const claim of Object.values(CLAIMS)) claim.check(r.final, m);
    return fingerprint(before) === fingerprint(r.final);
  },
);
