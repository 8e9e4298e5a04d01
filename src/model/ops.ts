/** The operations a thread can run. Thread 0 is always the punch. */
export const OPS = [
  'punch',
  'read',
  'readahead',
  'mmapRead',
  'mmapWrite',
  'write',
  'writeback',
  'dioRead',
  'dioWrite',
  'barWrite',
  'journalCommit',
] as const;

export type OpName = (typeof OPS)[number];

export type ConcurrentOp = Exclude<OpName, 'punch'>;

/** The operations a scenario may run beside the punch. */
export const CONCURRENT_OPS = OPS.filter((op): op is ConcurrentOp => op !== 'punch');

export const OP = Object.fromEntries(OPS.map((name, i) => [name, i])) as { readonly [K in OpName]: number };

/** Operations that return file data to the user: the reads the data claims judge. */
export const READ_OPS: ReadonlySet<number> = new Set([OP.read, OP.mmapRead, OP.dioRead]);

/** Operations that put new data into foo. */
export const FOO_WRITE_OPS: ReadonlySet<number> = new Set([OP.write, OP.mmapWrite, OP.dioWrite]);

export function isOpName(name: string): name is OpName {
  return (OPS as readonly string[]).includes(name);
}
