import { readJsonInput } from '../../files/input-file';
import { type ExploreJson, exploreJsonSchema } from '../../files/explore-json';
import { UserError } from '../../files/user-error';
import { mergeShards } from '../../search/explore/merge-shards';
import type { Command } from '../command';
import { parseOptions } from '../options';

const USAGE = 'usage: npx punch-hunt merge SHARD.json... (the --json of explore --shard 1/n .. n/n)';

export interface MergePlan {
  readonly shards: readonly ExploreJson[];
}

/**
 * `punch-hunt merge SHARD.json...`: the family's verdicts from the JSON of
 * every shard of one `explore --shard i/n` run (search/explore/merge-shards.ts),
 * printed as `explore --json` prints a whole family. Every shard must be
 * there once, all of one family; anything else is refused, naming the file
 * and the field.
 */
export const mergeCommand: Command<MergePlan> = {
  name: 'merge',
  help: {
    summary: 'combine the --json of every shard of explore --shard i/n into the verdicts of the whole family',
    usage: 'npx punch-hunt merge SHARD.json...',
    options: {},
    example: 'npx punch-hunt merge shard-0.json shard-1.json > family.json',
  },
  parse(argv) {
    const { positionals } = parseOptions(argv, {}, true);
    if (positionals.length === 0) throw new UserError('(arguments)', 'SHARD.json', USAGE);
    const shards = positionals.map((file) => readShard(file));
    checkOneFamily(positionals, shards);
    return { shards };
  },
  run(p) {
    process.stdout.write(`${JSON.stringify(mergeShards(p.shards))}\n`);
  },
};

function readShard(file: string): ExploreJson {
  const parsed = exploreJsonSchema.safeParse(readJsonInput(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(file, issue.path.join('.') || '(root)', issue.message);
  }
  if (parsed.data.shard === null) throw new UserError(file, 'shard', 'null: not a shard (explore was run without --shard)');
  return parsed.data;
}

/** Every shard of 1..n once, and every cell of each the same family and claim as the first file's. */
function checkOneFamily(files: readonly string[], shards: readonly ExploreJson[]): void {
  const count = shards[0].shard!.count;
  const byIndex = new Map<number, string>();
  shards.forEach((s, k) => {
    const file = files[k];
    if (s.shard!.count !== count) throw new UserError(file, 'shard.count', `${s.shard!.count}, but ${files[0]} is a shard of ${count}`);
    const twice = byIndex.get(s.shard!.index);
    if (twice !== undefined) throw new UserError(file, 'shard.index', `${s.shard!.index} again (${twice} is that shard too)`);
    byIndex.set(s.shard!.index, file);
    if (s.pages !== shards[0].pages) throw new UserError(file, 'pages', `${s.pages}, but ${files[0]} has ${shards[0].pages}`);
    if (s.cells.length !== shards[0].cells.length) throw new UserError(file, 'cells', `${s.cells.length} cells, but ${files[0]} has ${shards[0].cells.length}`);
    s.cells.forEach((c, i) => {
      const f = shards[0].cells[i];
      for (const key of ['variant', 'claim', 'blocksPerPage', 'mount', 'threads'] as const) {
        if (c[key] !== f[key]) throw new UserError(file, `cells.${i}.${key}`, `${String(c[key])}, but ${files[0]} has ${String(f[key])}: not the same family`);
      }
      if (c.ops.join(',') !== f.ops.join(',')) throw new UserError(file, `cells.${i}.ops`, `${c.ops.join(',')}, but ${files[0]} has ${f.ops.join(',')}: not the same family`);
    });
  });
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) throw new UserError('(arguments)', 'SHARD.json', `shard ${i}/${count} is missing`);
}
