import { describeTag } from './describe-tag';
import { G, OWNER_BAR } from './layout';
import type { Model } from './model';
import type { State } from './state';

/** The block device: each block holds one data tag. I/O completes only when a step performs it. */

export function deviceRead(s: State, L: { readonly deviceData: number }, b: number): number {
  return s[L.deviceData + b];
}

/**
 * A device write issued for foo (writeback or direct I/O). If it lands in a
 * block bar owns, the ghost records the first such block and the writer, so
 * the claim bar-never-overwritten-by-foo sees it even if bar writes again.
 */
export function fooDeviceWrite(s: State, m: Model, b: number, tag: number, thread: number): void {
  const L = m.layout;
  if (s[L.deviceOwner + b] === OWNER_BAR && s[G.FOO_WROTE_BAR_BLOCK] === 0) {
    s[G.FOO_WROTE_BAR_BLOCK] = b + 1;
    s[G.FOO_WROTE_BAR_BY] = thread + 1;
  }
  s[L.deviceData + b] = tag;
  m.note?.(`device write block ${b}: ${describeTag(tag, s, m)}`);
}

/** A device write issued for bar, into a block bar allocated. */
export function barDeviceWrite(s: State, m: Model, b: number, tag: number): void {
  s[m.layout.deviceData + b] = tag;
  m.note?.(`device write block ${b}: ${describeTag(tag, s, m)}`);
}
