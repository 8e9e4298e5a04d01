import { MOUNTS, type Mount } from '../model/mount';
import type { OracleMount } from './op-sequence';

/**
 * A mount as the oracle's --mount gives it: comma-separated options, at most
 * one data= (data=ordered by default, as mount's own default) and at most
 * one of dioread_nolock / nodioread_nolock; or why it is not one.
 */
export function parseOracleMount(raw: string): { mount: OracleMount } | { error: string } {
  let data: Mount | undefined;
  let dioreadNolock: boolean | undefined;
  for (const opt of raw.split(',')) {
    if ((MOUNTS as readonly string[]).includes(opt)) {
      if (data !== undefined) return { error: `gives data= twice in "${raw}"` };
      data = opt as Mount;
    } else if (opt === 'dioread_nolock' || opt === 'nodioread_nolock') {
      if (dioreadNolock !== undefined) return { error: `gives dioread_nolock twice in "${raw}"` };
      dioreadNolock = opt === 'dioread_nolock';
    } else {
      return { error: `unknown mount option "${opt}" (known: ${MOUNTS.join(', ')}, dioread_nolock, nodioread_nolock)` };
    }
  }
  return { mount: dioreadNolock === undefined ? { data: data ?? 'data=ordered' } : { data: data ?? 'data=ordered', dioreadNolock } };
}

/** The mount in mount's words: "data=ordered,dioread_nolock". */
export function describeMount(m: OracleMount): string {
  return m.dioreadNolock === undefined ? m.data : `${m.data},${m.dioreadNolock ? 'dioread_nolock' : 'nodioread_nolock'}`;
}
