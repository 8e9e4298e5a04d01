import { PTE_READ, T_ARG0 } from '../model/layout';
import { isCached, pte } from '../model/page-cache';
import { copyPageToUser } from './copy-to-user';
import { emitFault } from './fault';
import { ALWAYS, jump, ProgramBuilder } from './program';
import type { Program } from '../model/program';

/**
 * A load from a mapping of page X: fault it in, then the user's load reads
 * the page. If the punch zapped the mapping between the fault and the load,
 * the load faults again.
 */
export function mmapReadProgram(): Program {
  const b = new ProgramBuilder('mmapRead');
  const fault = b.label('fault');
  b.here(fault);
  emitFault(b);
  b.step('user_load', ALWAYS, (s, t, m) => {
    const p = s[t + T_ARG0];
    if (!isCached(s, m.layout, p) || pte(s, m.layout, p) < PTE_READ) {
      jump(s, t, fault);
      return;
    }
    copyPageToUser(s, m.layout, p, t);
  });
  return b.build();
}
