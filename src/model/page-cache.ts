import {
  BUF_UNMAPPED,
  type Layout,
  PAGE_BUF,
  PAGE_FLAGS,
  PAGE_PTE,
  PG_CACHED,
  PG_LOCKED,
  PG_WRITEBACK,
  PTE_NONE,
} from './layout';
import type { State } from './state';

/** foo's page cache: one record per page index, see Layout. */

export function pageFlags(s: State, L: Layout, p: number): number {
  return s[L.page(p) + PAGE_FLAGS];
}

export function hasFlag(s: State, L: Layout, p: number, flag: number): boolean {
  return (s[L.page(p) + PAGE_FLAGS] & flag) !== 0;
}

export function setFlags(s: State, L: Layout, p: number, flags: number): void {
  s[L.page(p) + PAGE_FLAGS] |= flags;
}

export function clearFlags(s: State, L: Layout, p: number, flags: number): void {
  s[L.page(p) + PAGE_FLAGS] &= ~flags;
}

export function isCached(s: State, L: Layout, p: number): boolean {
  return hasFlag(s, L, p, PG_CACHED);
}

/** lock_page() would sleep: the page is cached and someone holds its lock. */
export function pageLockBusy(s: State, L: Layout, p: number): boolean {
  const f = pageFlags(s, L, p);
  return (f & PG_CACHED) !== 0 && (f & PG_LOCKED) !== 0;
}

/** lock_page() then wait_on_page_writeback() would sleep. */
export function pageBusy(s: State, L: Layout, p: number): boolean {
  const f = pageFlags(s, L, p);
  return (f & PG_CACHED) !== 0 && (f & (PG_LOCKED | PG_WRITEBACK)) !== 0;
}

export function buffer(s: State, L: Layout, p: number, i: number): number {
  return s[L.page(p) + PAGE_BUF + i];
}

export function setBuffer(s: State, L: Layout, p: number, i: number, value: number): void {
  s[L.page(p) + PAGE_BUF + i] = value;
}

export function pageData(s: State, L: Layout, p: number, i: number): number {
  return s[L.page(p) + L.pageData + i];
}

export function setPageData(s: State, L: Layout, p: number, i: number, tag: number): void {
  s[L.page(p) + L.pageData + i] = tag;
}

export function pte(s: State, L: Layout, p: number): number {
  return s[L.page(p) + PAGE_PTE];
}

export function setPte(s: State, L: Layout, p: number, value: number): void {
  s[L.page(p) + PAGE_PTE] = value;
}

/** add_to_page_cache_lru: a new page enters the cache locked, not uptodate, without buffers. */
export function insertPage(s: State, L: Layout, p: number): void {
  clearPage(s, L, p);
  s[L.page(p) + PAGE_FLAGS] = PG_CACHED | PG_LOCKED;
}

/** delete_from_page_cache: the page leaves the cache; its user mappings went first. */
export function evictPage(s: State, L: Layout, p: number): void {
  clearPage(s, L, p);
}

function clearPage(s: State, L: Layout, p: number): void {
  const base = L.page(p);
  s[base + PAGE_FLAGS] = 0;
  s[base + PAGE_PTE] = PTE_NONE;
  for (let i = 0; i < L.blocksPerPage; i++) {
    s[base + PAGE_BUF + i] = BUF_UNMAPPED;
    s[base + L.pageData + i] = 0;
  }
}

/** The logical blocks of foo that page p covers. */
export function firstBlockOfPage(L: Layout, p: number): number {
  return p * L.blocksPerPage;
}

/** Pages that overlap the logical block range [start, end). */
export function pagesOfRange(L: Layout, start: number, end: number): [number, number] {
  return [Math.floor(start / L.blocksPerPage), Math.ceil(end / L.blocksPerPage)];
}
