import { describeTag } from '../model/describe-tag';
import {
  BUF_DELAYED, BUF_UNMAPPED, G, HOLE, PAGE_BUF, PAGE_FLAGS, PAGE_PTE,
  PG_BUFFERS, PG_CACHED, PG_DIRTY, PG_LOCKED, PG_UPTODATE, PG_WRITEBACK,
} from '../model/layout';
import type { Model } from '../model/model';
import type { State } from '../model/state';

/** What a kernel developer asks of one state: the page cache, both extent maps, the blocks and the locks. */
export interface StateView {
  readonly locks: Readonly<Record<string, string>>;
  readonly dioInFlight: number;
  readonly journalHandles: number;
  readonly pages: ReadonlyArray<{ readonly page: number; readonly summary: string }>;
  readonly foo: readonly string[];
  readonly bar: readonly string[];
  readonly blocks: ReadonlyArray<{ readonly block: number; readonly owner: string; readonly data: string }>;
}

const OWNERS = ['free', 'foo', 'bar', 'freed, awaiting commit'];
const FLAGS: Array<[number, string]> = [
  [PG_UPTODATE, 'uptodate'], [PG_DIRTY, 'dirty'], [PG_LOCKED, 'locked'], [PG_WRITEBACK, 'writeback'],
];
const PTES = ['', 'mapped read-only', 'mapped writable'];

export function describeState(s: State, m: Model): StateView {
  const L = m.layout;
  const where = (v: number) => (v === HOLE ? 'hole' : `block ${v}`);
  const locks = Object.fromEntries(m.locks.map(({ name, word }) => {
    const v = s[word];
    return [name, v === 0 ? 'free' : v < 0 ? 'exclusive' : `shared x${v}`];
  }));
  const pages = [];
  for (let p = 0; p < L.pages; p++) {
    const base = L.page(p);
    const flags = s[base + PAGE_FLAGS];
    if (!(flags & PG_CACHED)) {
      pages.push({ page: p, summary: 'not cached' });
      continue;
    }
    const parts = FLAGS.filter(([f]) => flags & f).map(([, n]) => n);
    if (s[base + PAGE_PTE] !== 0) parts.push(PTES[s[base + PAGE_PTE]]);
    for (let i = 0; i < L.blocksPerPage; i++) {
      const buf = s[base + PAGE_BUF + i];
      const mapped = !(flags & PG_BUFFERS) ? '' : buf === BUF_UNMAPPED ? ', buffer unmapped' : buf === BUF_DELAYED ? ', buffer delayed' : `, buffer -> block ${buf}`;
      parts.push(`[${i}] ${describeTag(s[base + L.pageData + i], s, m)}${mapped}`);
    }
    pages.push({ page: p, summary: parts.join('; ') });
  }
  const foo = [];
  for (let l = 0; l < L.fooBlocks; l++) foo.push(`${where(s[L.fooMap + l])}${s[L.fooUnwritten + l] ? ' (unwritten)' : ''}`);
  const bar = [];
  for (let l = 0; l < L.barBlocks; l++) bar.push(where(s[L.barMap + l]));
  const blocks = [];
  for (let b = 0; b < L.deviceBlocks; b++) {
    blocks.push({ block: b, owner: OWNERS[s[L.deviceOwner + b]] ?? '?', data: describeTag(s[L.deviceData + b], s, m) });
  }
  return { locks, dioInFlight: s[G.DIO_COUNT], journalHandles: s[G.JOURNAL_HANDLES], pages, foo, bar, blocks };
}

/** The view as indented lines, for the terminal. */
export function stateLines(v: StateView): string[] {
  const held = Object.entries(v.locks).filter(([, st]) => st !== 'free').map(([n, st]) => `${n} ${st}`);
  return [
    `locks: ${held.length > 0 ? held.join(', ') : 'none held'}; direct I/O in flight ${v.dioInFlight}; journal handles ${v.journalHandles}`,
    ...v.pages.map((p) => `page ${p.page}: ${p.summary}`),
    `foo: ${v.foo.map((e, l) => `${l}->${e}`).join(', ')}   bar: ${v.bar.map((e, l) => `${l}->${e}`).join(', ')}`,
    `blocks: ${v.blocks.map((b) => `${b.block} ${b.owner} (${b.data})`).join(', ')}`,
  ];
}
