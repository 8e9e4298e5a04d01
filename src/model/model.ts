import type { Program } from './program';
import type { Mount } from './mount';
import type { Layout } from './layout';
import type { LockInfo } from './locks';

/** Everything a step needs besides the state: constant for a whole run or exploration. */
export interface Model {
  readonly layout: Layout;
  readonly mount: Mount;
  /**
   * Whether buffered writes allocate unwritten extents and convert them at
   * I/O completion (the dioread_nolock mount option, as the variant and the
   * geometry resolve it: ext4_should_dioread_nolock in fs/ext4/ext4_jbd2.h).
   */
  readonly dioreadNolock: boolean;
  /** Every lock, the built-ins and the variant's own, with its state word: what traces and views name. */
  readonly locks: readonly LockInfo[];
  /** A variant's sequence counters (src/paths/rechecks.ts), with their state words: what traces name. */
  readonly counters: ReadonlyArray<{ readonly name: string; readonly word: number }>;
  /** One program per operation, indexed by OP. */
  readonly programs: readonly Program[];
  /**
   * When tracing, told of each device write, since a write of the value a
   * block already holds changes no state and a diff cannot show it.
   */
  readonly note?: (line: string) => void;
}
