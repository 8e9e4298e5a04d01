import { isOrdered, type Mount } from '../model/mount';
import type { ConcurrentOp } from '../model/ops';
import type { Scenario, ThreadSpec } from '../run/scenario';

/**
 * One run of the differential oracle (fsx with a kernel): foo as a
 * scenario starts it (size, layout on disk, what each page holds), then
 * operations one after another, each to its end before the next starts.
 * Exactly one is the punch; `commit` is a journal commit (jbd2's thread in
 * the model, syncfs on the real file system) and appears only under
 * data=ordered, where the model has a commit thread.
 */
export type SequenceOp =
  | { readonly op: 'punch' }
  | { readonly op: 'commit' }
  | (ThreadSpec & { readonly op: ConcurrentOp });

/** How writeback is asked for on the real file system: sync_file_range over the page, or fsync of the file. */
export type FlushCall = 'sync_file_range' | 'fsync';

/** The mount of both sides: data= for the model's reuse policy, and dioread_nolock when given. */
export interface OracleMount {
  readonly data: Mount;
  /** dioread_nolock (true) or nodioread_nolock (false); absent: the kernel's default. */
  readonly dioreadNolock?: boolean;
}

/** foo as the scenario starts it (geometry, size, layout, page cache, the punched range), then the operations. */
export interface OpSequence extends Pick<Scenario, 'blocksPerPage' | 'pages' | 'layout' | 'cache' | 'punch'> {
  readonly mount: OracleMount;
  readonly ops: readonly SequenceOp[];
  readonly flush: FlushCall;
}

/** The model thread each operation runs as: the punch is 0, the others 1.. in order, the commit jbd2's (the last). */
export function threadOf(seq: OpSequence): number[] {
  let next = 1;
  const users = seq.ops.filter((o) => o.op !== 'punch' && o.op !== 'commit').length;
  return seq.ops.map((o) => (o.op === 'punch' ? 0 : o.op === 'commit' ? users + 1 : next++));
}

/** The scenario the model runs: the same foo, the punch as thread 0, the other operations as threads 1.. in order. */
export function toScenario(seq: OpSequence, variant: string): Scenario {
  const threads = seq.ops.filter((o): o is ThreadSpec & { op: ConcurrentOp } => o.op !== 'punch' && o.op !== 'commit');
  return {
    variant,
    blocksPerPage: seq.blocksPerPage,
    pages: seq.pages,
    mount: seq.mount.data,
    layout: seq.layout,
    cache: seq.cache,
    punch: seq.punch,
    threads: threads.map((t) => ({ ...t })),
  };
}

/** The sequence is one the oracle can run: one punch, commits only under data=ordered. */
export function checkSequence(seq: OpSequence): void {
  if (seq.ops.filter((o) => o.op === 'punch').length !== 1) throw new RangeError('an oracle sequence has exactly one punch');
  if (!isOrdered(seq.mount.data) && seq.ops.some((o) => o.op === 'commit')) throw new RangeError('a commit needs data=ordered (the model has no commit thread otherwise)');
}

/** One line for an operation, as a failure prints it: "write page 1", "punch blocks 0..1". */
export function describeOp(seq: OpSequence, o: SequenceOp): string {
  switch (o.op) {
    case 'punch':
      return `punch block${seq.punch.length > 1 ? 's' : ''} ${seq.punch.start}${seq.punch.length > 1 ? `..${seq.punch.start + seq.punch.length - 1}` : ''}`;
    case 'commit':
      return 'commit (syncfs)';
    case 'barWrite':
      return `barWrite block ${o.block}`;
    case 'readahead':
      return `readahead pages ${o.page}..${o.page! + (o.count ?? 1) - 1}`;
    case 'writeback':
      return `writeback page ${o.page} (${seq.flush})`;
    default:
      return `${o.op} page ${o.page}`;
  }
}

/** The whole sequence, one line each, as printed with a disagreement. */
export function describeSequence(seq: OpSequence): string[] {
  const dnl = seq.mount.dioreadNolock === undefined ? '' : seq.mount.dioreadNolock ? ', dioread_nolock' : ', nodioread_nolock';
  return [
    `foo: ${seq.pages} page${seq.pages > 1 ? 's' : ''} of ${seq.blocksPerPage} block${seq.blocksPerPage > 1 ? 's' : ''}, ${seq.layout}, cache [${seq.cache.join(', ')}]; ${seq.mount.data}${dnl}`,
    ...seq.ops.map((o, k) => `${k + 1}. ${describeOp(seq, o)}`),
  ];
}
