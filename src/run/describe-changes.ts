import { describeTag } from '../model/describe-tag';
import {
  BUF_DELAYED, BUF_UNMAPPED, G, HOLE, JOURNAL_LOCKED, OWNER_BAR, OWNER_FOO, OWNER_FREE, PAGE_BUF, PAGE_FLAGS, PAGE_PTE,
  PG_BUFFERS, PG_CACHED, PG_DIRTY, PG_LOCKED, PG_UPTODATE, PG_WRITEBACK,
} from '../model/layout';
import { heldBits, QUEUED } from '../model/lock-ownership';
import type { Model } from '../model/model';
import type { State } from '../model/state';

/**
 * The changes a kernel developer reads in a trace, found by comparing the
 * state before and after a step: locks, blocks freed and allocated, extents,
 * pages inserted or evicted, their flags and buffers. Device writes are not
 * here: they report themselves (Model.note), equal values included.
 */
export function describeChanges(before: State, after: State, m: Model): string[] {
  const out: string[] = [];
  locks(before, after, m, out);
  counters(before, after, out);
  blocks(before, after, m, out);
  extents(before, after, m, out);
  pages(before, after, m, out);
  return out;
}

function lockState(v: number): string {
  return v === 0 ? 'free' : v < 0 ? 'exclusive' : `shared x${v}`;
}

function locks(a: State, b: State, m: Model, out: string[]): void {
  for (const { name, word } of m.locks) {
    if (a[word] !== b[word]) out.push(`${name} ${lockState(a[word])} -> ${lockState(b[word])}`);
  }
  for (const { name, word } of m.counters) {
    if (a[word] !== b[word]) out.push(`counter ${name} ${a[word]} -> ${b[word]}`);
  }
  for (let i = 0; i < m.layout.threads; i++) {
    const t = m.layout.thread(i);
    for (const { name, word } of m.locks) {
      if (heldBits(b, m, t, word) === QUEUED && heldBits(a, m, t, word) !== QUEUED) out.push(`thread ${i} queued for ${name}: new readers wait`);
    }
  }
}

function counters(a: State, b: State, out: string[]): void {
  if (a[G.DIO_COUNT] !== b[G.DIO_COUNT]) out.push(`direct I/O in flight ${a[G.DIO_COUNT]} -> ${b[G.DIO_COUNT]}`);
  if (a[G.JOURNAL_HANDLES] !== b[G.JOURNAL_HANDLES]) out.push(`journal handles ${a[G.JOURNAL_HANDLES]} -> ${b[G.JOURNAL_HANDLES]}`);
  if (a[G.JOURNAL_STATE] !== b[G.JOURNAL_STATE]) out.push(`transaction ${b[G.JOURNAL_STATE] === JOURNAL_LOCKED ? 'locked: new handles wait' : 'switched: new handles start the next one'}`);
}

const OWNER_WORDS = ['free', 'foo', 'bar', 'freed, awaiting commit'];

function blocks(a: State, b: State, m: Model, out: string[]): void {
  const L = m.layout;
  for (let blk = 0; blk < L.deviceBlocks; blk++) {
    const was = a[L.deviceOwner + blk];
    const now = b[L.deviceOwner + blk];
    if (was !== now) {
      if (now === OWNER_BAR || (now === OWNER_FOO && was !== OWNER_FOO)) out.push(`block ${blk} allocated to ${OWNER_WORDS[now]}`);
      else if (now === OWNER_FREE && was === OWNER_FOO) out.push(`block ${blk} freed`);
      else out.push(`block ${blk} ${OWNER_WORDS[was]} -> ${OWNER_WORDS[now]}`);
    }
  }
}

function extents(a: State, b: State, m: Model, out: string[]): void {
  const L = m.layout;
  const name = (v: number) => (v === HOLE ? 'hole' : `block ${v}`);
  for (let l = 0; l < L.fooBlocks; l++) {
    const unwritten = b[L.fooUnwritten + l] !== 0 ? ' (unwritten)' : '';
    if (a[L.fooMap + l] !== b[L.fooMap + l]) out.push(`foo extent ${l}: ${name(a[L.fooMap + l])} -> ${name(b[L.fooMap + l])}${unwritten}`);
    else if (a[L.fooUnwritten + l] !== b[L.fooUnwritten + l]) out.push(`foo extent ${l}: ${unwritten ? 'unwritten' : 'converted to written'}`);
  }
  for (let l = 0; l < L.barBlocks; l++) {
    if (a[L.barMap + l] !== b[L.barMap + l]) out.push(`bar extent ${l}: ${name(a[L.barMap + l])} -> ${name(b[L.barMap + l])}`);
  }
}

const FLAG_NAMES: Array<[number, string]> = [
  [PG_UPTODATE, 'uptodate'], [PG_DIRTY, 'dirty'], [PG_LOCKED, 'locked'], [PG_WRITEBACK, 'writeback'], [PG_BUFFERS, 'buffers'],
];
const PTE_WORDS = ['unmapped', 'mapped read-only', 'mapped writable'];

function bufferName(v: number): string {
  return v === BUF_UNMAPPED ? 'unmapped' : v === BUF_DELAYED ? 'delayed' : `block ${v}`;
}

function pages(a: State, b: State, m: Model, out: string[]): void {
  const L = m.layout;
  for (let p = 0; p < L.pages; p++) {
    const base = L.page(p);
    const fa = a[base + PAGE_FLAGS];
    const fb = b[base + PAGE_FLAGS];
    if (!(fa & PG_CACHED) && fb & PG_CACHED) out.push(`page ${p} inserted`);
    if (fa & PG_CACHED && !(fb & PG_CACHED)) {
      out.push(`page ${p} evicted`);
      continue;
    }
    const flagChanges = FLAG_NAMES.filter(([f]) => (fa & f) !== (fb & f)).map(([f, n]) => `${fb & f ? '+' : '-'}${n}`);
    if (flagChanges.length > 0 && fa & PG_CACHED) out.push(`page ${p} ${flagChanges.join(' ')}`);
    if (a[base + PAGE_PTE] !== b[base + PAGE_PTE]) out.push(`page ${p} ${PTE_WORDS[b[base + PAGE_PTE]]}`);
    for (let i = 0; i < L.blocksPerPage; i++) {
      if (a[base + PAGE_BUF + i] !== b[base + PAGE_BUF + i] && fb & PG_BUFFERS) {
        out.push(`page ${p} buffer ${i} -> ${bufferName(b[base + PAGE_BUF + i])}`);
      }
      if (a[base + L.pageData + i] !== b[base + L.pageData + i]) {
        out.push(`page ${p} block ${i} holds ${describeTag(b[base + L.pageData + i], b, m)}`);
      }
    }
  }
}
