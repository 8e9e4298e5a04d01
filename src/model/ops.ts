/**
 * The operations a thread can run. Thread 0 is always the punch; jbd2 is a
 * system thread, the journal's commit daemon, present in every data=ordered
 * scenario after the threads the scenario names.
 */
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
  'jbd2',
] as const;

export type OpName = (typeof OPS)[number];

export type ConcurrentOp = Exclude<OpName, 'punch' | 'jbd2'>;

/** The operations a scenario may run beside the punch. */
export const CONCURRENT_OPS = OPS.filter((op): op is ConcurrentOp => op !== 'punch' && op !== 'jbd2');

export const OP = Object.fromEntries(OPS.map((name, i) => [name, i])) as { readonly [K in OpName]: number };

/**
 * Programs beyond one per operation, after them: write(2) whose user
 * buffer is a mapping of foo (ThreadSpec.buffer), which faults the buffer
 * in before it writes (src/paths/write.ts), and read(2) into such a
 * buffer, whose copy faults it (src/paths/read.ts). A thread's T_OP holds
 * its program's index; PROGRAM_OPS names the operation of each.
 */
export const WRITE_FROM_FOO = OPS.length;
export const READ_INTO_FOO = OPS.length + 1;
export const PROGRAM_OPS: readonly OpName[] = [...OPS, 'write', 'read'];

/** Operations that return file data to the user: the reads the data claims judge. */
export const READ_OPS: ReadonlySet<number> = new Set([OP.read, READ_INTO_FOO, OP.mmapRead, OP.dioRead]);

/** Operations that put new data into foo. */
export const FOO_WRITE_OPS: ReadonlySet<number> = new Set([OP.write, WRITE_FROM_FOO, OP.mmapWrite, OP.dioWrite]);

/**
 * Operations whose data carries their thread's number (threadTag), so the
 * thread is named outside its own record: in blocks, pages, other threads'
 * results and the "completed before" ghost (foo's writers are the ordered
 * threads of takeStep). A thread of any other operation is named only in
 * its own record and in the ghost FOO_WROTE_BAR_BY.
 */
export const TAGGING_OPS: ReadonlySet<number> = new Set([OP.write, WRITE_FROM_FOO, OP.mmapWrite, OP.dioWrite, OP.barWrite]);

/** Daemons: they never finish, so no claim waits for them to, and no deadlock is theirs. */
export const DAEMON_OPS: ReadonlySet<number> = new Set([OP.jbd2]);

export function isOpName(name: string): name is OpName {
  return (OPS as readonly string[]).includes(name);
}
