import type { Program } from '../paths/program';
import type { Variant } from '../variants/variant';
import type { Mount } from './mount';
import type { Layout } from './layout';

/** Everything a step needs besides the state: constant for a whole run or exploration. */
export interface Model {
  readonly layout: Layout;
  readonly mount: Mount;
  readonly variant: Variant;
  /** One program per operation, indexed by OP. */
  readonly programs: readonly Program[];
  /**
   * When tracing, told of each device write, since a write of the value a
   * block already holds changes no state and a diff cannot show it.
   */
  readonly note?: (line: string) => void;
}
