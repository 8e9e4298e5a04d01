import { OP, OPS } from '../model/ops';
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

const cache = new WeakMap<Variant, readonly Program[]>();

/** Every path's program for one variant, indexed by OP; built once per variant. */
export function programsFor(v: Variant): readonly Program[] {
  const hit = cache.get(v);
  if (hit) return hit;
  const byName = {
    punch: punchProgram(v),
    read: readProgram(v),
    readahead: readaheadProgram(v),
    mmapRead: mmapReadProgram(v),
    mmapWrite: mmapWriteProgram(v),
    write: writeProgram(v),
    writeback: writebackProgram(v),
    dioRead: dioReadProgram(v),
    dioWrite: dioWriteProgram(v),
    barWrite: barWriteProgram(),
    jbd2: jbd2Program(),
  };
  const programs = OPS.map((op) => byName[op]);
  programs.forEach((p, i) => {
    if (OP[p.op] !== i) throw new Error(`program ${p.op} at index ${i}`);
  });
  cache.set(v, programs);
  return programs;
}
