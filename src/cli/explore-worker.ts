/**
 * An explore worker of the pool (src/pool): one task, one family, parsed
 * as `explore`'s command line and explored in this process, the cases
 * saved where the task says; its cells go back as `--json` prints them.
 */
import { serveTasks } from '../pool/worker-pool';
import { exploreCommand, exploreRows, jsonCells } from './commands/explore';
import { exploreArgs, type ExploredCellJson, type ExploreTask } from './explore-on-workers';

serveTasks(async (t: ExploreTask): Promise<ExploredCellJson[]> => jsonCells(await exploreRows(exploreCommand.parse(exploreArgs(t)), false)).flatMap((c) =>
  c.verdict === 'not-searched' ? [] : [{ ...c, verdict: c.verdict }]));
