import type { Claim } from './claim';
import { T_OP } from '../model/layout';
import type { Model } from '../model/model';
import { opOf } from '../model/describe-tag';
import { OP } from '../model/ops';
import type { State } from '../model/state';
import { tagThread } from '../model/tags';
import { finishedReads, resultTag } from './reader-results';

/**
 * no-foreign-data-exposed: no read of foo (read, fault, direct I/O) ever
 * returns data that bar wrote. Data sitting in foo's page cache is not a
 * violation until a read returns it.
 */
export function noForeignDataExposed(s: State, m: Model): string | null {
  for (const read of finishedReads(s, m)) {
    for (let i = 0; i < m.layout.blocksPerPage; i++) {
      const writer = tagThread(resultTag(s, m, read, i));
      if (writer < 1 || writer >= m.layout.threads) continue;
      if (s[m.layout.thread(writer) + T_OP] !== OP.barWrite) continue;
      return `${opOf(s, m, read.thread)} of foo's page ${read.page} (thread ${read.thread}) returned bar's data (thread ${writer})`;
    }
  }
  return null;
}

/** no-foreign-data-exposed: no read of foo returns another file's data. */
export const NO_FOREIGN_DATA_EXPOSED: Claim = {
  name: 'no-foreign-data-exposed',
  doc: "no read of foo returns another file's data",
  check: noForeignDataExposed,
  needs: [['barWrite'], ['read', 'mmapRead', 'dioRead']],
  evidence: { what: 'a read finished', seen: (s, m) => finishedReads(s, m).length > 0 },
};
