import { OP, OPS, PROGRAM_OPS } from '../model/ops';
import { regionInProgram } from './region-in-program';
import type { Variant } from '../variants/variant';
import { barWriteProgram } from './bar-write';
import { dioReadProgram } from './dio-read';
import { dioWriteProgram } from './dio-write';
import { jbd2Program } from './jbd2';
import { mmapReadProgram } from './mmap-read';
import { mmapWriteProgram } from './mmap-write';
import type { Program } from '../model/program';
import { punchProgram } from './punch';
import { readProgram } from './read';
import { readaheadProgram } from './readahead';
import { writeProgram } from './write';
import { writebackProgram } from './writeback';
import { withRegion } from './regions';
import { withBump, withRecheck } from './rechecks';
import { siteRegions } from '../variants/site-regions';

const cache = new WeakMap<Variant, readonly Program[]>();

/**
 * Every path's program for one variant, indexed by OP: the paths' code,
 * with the variant's bumps and rechecks, then its lock sites as regions
 * over their ranges (src/variants/site-regions.ts: a site is a named
 * region), then its own regions; built once per variant.
 */
export function programsFor(v: Variant): readonly Program[] {
  const hit = cache.get(v);
  if (hit) return hit;
  const bare = programsWithoutRegions(v);
  // Bumps and rechecks first (they change steps, not their places), then the regions, which move steps and labels.
  const programs = bare.map((p) => {
    const plain = bare[OP[p.op]];
    const own = v.regions.flatMap((r, k) => {
      const placed = r.path === p.op ? regionInProgram(r, plain, p) : null;
      return placed === null ? [] : [{ r: placed, k }];
    });
    const bumped = v.bumps.reduce((q, b) => (b.path === p.op ? withBump(q, b.step, v.counters.indexOf(b.counter), v) : q), p);
    const checked = v.rechecks.reduce((q, r, k) => (r.path === p.op ? withRecheck(q, k, v) : q), bumped);
    const sited = siteRegions(v, p).reduce((q, { region, field }) => withRegion(q, region, field, v, (j) => `${field}.${j}`), checked);
    return own.reduce((q, { r, k }) => withRegion(q, r, `regions.${k}`, v), sited);
  });
  cache.set(v, programs);
  return programs;
}

/**
 * Every path's program as its code makes it, before any bump, recheck, site
 * or region: where their steps are looked up. Indexed by program
 * (model/ops.ts PROGRAM_OPS): one per operation, then write(2) from a
 * mapping of foo, then read(2) into one (model/ops.ts PROGRAM_OPS).
 */
export function programsWithoutRegions(v: Variant): readonly Program[] {
  const byName = {
    punch: punchProgram(v),
    read: readProgram(),
    readahead: readaheadProgram(v),
    mmapRead: mmapReadProgram(),
    mmapWrite: mmapWriteProgram(v),
    write: writeProgram(),
    writeback: writebackProgram(v),
    dioRead: dioReadProgram(),
    dioWrite: dioWriteProgram(),
    barWrite: barWriteProgram(),
    jbd2: jbd2Program(),
  };
  const programs = [...OPS.map((op) => byName[op]), writeProgram(true), readProgram(true)];
  programs.forEach((p, i) => {
    if (PROGRAM_OPS[i] !== p.op) throw new Error(`program ${p.op} at index ${i}`);
  });
  return programs;
}
