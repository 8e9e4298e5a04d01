import { type Layout } from '../model/layout';
import { pageData } from '../model/page-cache';
import type { State } from '../model/state';

/** The data a read returns lands in the thread's result slots, one tag per block of the page. */
export function copyPageToUser(s: State, L: Layout, p: number, t: number): void {
  for (let i = 0; i < L.blocksPerPage; i++) s[t + L.threadResult + i] = pageData(s, L, p, i);
}
