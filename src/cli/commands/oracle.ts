import { release } from 'node:os';
import pc from 'picocolors';
import { MOUNTS } from '../../model/mount';
import { type OracleOutcome, checkAgainstKernel } from '../../oracle/check-against-kernel';
import type { OracleMount } from '../../oracle/op-sequence';
import { describeMount, parseOracleMount } from '../../oracle/oracle-mount';
import { whyNoRealExt4 } from '../../oracle/real-ext4';
import { blockSize } from '../../oracle/xfs-io-script';
import { builtinVariant, VariantError } from '../../variants/resolve-variant';
import type { Variant } from '../../variants/variant';
import type { Command } from '../command';
import { geometries, integer, parseOptions } from '../options';
import { progress } from '../progress';
import { printable, UserError } from '../../files/user-error';

/** The model era that matches the running kernel (6.x): the 6.15 fallocate series. */
export const ORACLE_VARIANT = 'ext4-6.15';

export interface OraclePlan {
  readonly runs: number;
  readonly seed: number;
  readonly geometries: ReadonlyArray<1 | 2>;
  readonly mounts: readonly OracleMount[];
  readonly variant: Variant;
  readonly maxDisagreements: number;
  readonly json: boolean;
}

/**
 * `npm run oracle`: the differential property against the running kernel
 * (fsx with a kernel): for each geometry and mount, `runs` sequences of
 * operations, each run one after another on the model and on a real ext4
 * through xfs_io, every read and foo's and bar's final contents compared;
 * a disagreement is shrunk and printed with both sides. Needs root and loop
 * devices; exit 0 when everything agreed, 1 on a disagreement, 2 on a
 * mistake in the options or where no real ext4 can be mounted.
 */
export const oracleCommand: Command<OraclePlan> = {
  name: 'oracle',
  help: {
    summary: 'the model against the running kernel: sequences of operations on both, every read and the files compared (root)',
    usage: 'npx punch-hunt oracle [options]   (alias: npm run oracle -- [options])',
    options: {
      runs: 'sequences a geometry and mount',
      seed: 'fast-check\'s seed',
      'blocks-per-page': '1 (4 KiB blocks) or 2 (2 KiB blocks) (default: both)',
      mount: 'data=ordered or data=writeback, with ,dioread_nolock or ,nodioread_nolock (default: both data= modes)',
      variant: 'the model\'s era',
      'max-disagreements': 'stop a configuration after this many (each is shrunk on the kernel)',
      json: 'one JSON object on stdout',
    },
    example: 'sudo npx punch-hunt oracle --runs 1000 --blocks-per-page 2 --mount data=writeback,dioread_nolock',
  },
  parse(argv) {
    const { values } = parseOptions(argv, {
      runs: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      'blocks-per-page': { type: 'string' },
      mount: { type: 'string', multiple: true },
      variant: { type: 'string', default: ORACLE_VARIANT },
      'max-disagreements': { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
    });
    const plan: OraclePlan = {
      runs: integer(values.runs, '--runs', 1, 10_000_000),
      seed: integer(values.seed, '--seed', 0, 2 ** 31 - 1),
      geometries: geometries(values['blocks-per-page']),
      mounts: mounts(values.mount),
      variant: variant(values.variant),
      maxDisagreements: integer(values['max-disagreements'], '--max-disagreements', 1, 1000),
      json: values.json,
    };
    const why = whyNoRealExt4();
    if (why !== null) throw new UserError('(environment)', 'real ext4', `cannot run here: ${why}`);
    return plan;
  },
  async run(p) {
    const outcomes: Array<OracleOutcome & { elapsedMs: number }> = [];
    for (const blocksPerPage of p.geometries) {
      for (const mount of p.mounts) {
        const label = `oracle B=${blocksPerPage} ${describeMount(mount)}`;
        const bar = p.json && process.stderr.isTTY ? null : progress(label, p.runs);
        const started = performance.now();
        const outcome = await checkAgainstKernel({ blocksPerPage, mount, variant: p.variant }, {
          runs: p.runs, seed: p.seed, maxDisagreements: p.maxDisagreements,
          onProgress: (runs, shrinking) => bar?.update(runs, shrinking ? 'sequences (shrinking a disagreement)' : 'sequences'),
        });
        bar?.stop();
        outcomes.push({ ...outcome, elapsedMs: Math.round(performance.now() - started) });
      }
    }
    process.stdout.write(p.json ? jsonOf(p, outcomes) : textOf(p, outcomes));
    process.exitCode = outcomes.some((o) => o.disagreements.length > 0) ? 1 : 0;
  },
};

function mounts(raw: string[] | undefined): OracleMount[] {
  if (raw === undefined) return MOUNTS.map((data) => ({ data }));
  const out = raw.map((r) => {
    const m = parseOracleMount(r);
    if ('error' in m) throw new UserError('(arguments)', '--mount', m.error);
    return m.mount;
  });
  const twice = out.find((m, k) => out.findIndex((n) => describeMount(n) === describeMount(m)) !== k);
  if (twice !== undefined) throw new UserError('(arguments)', '--mount', `"${describeMount(twice)}" is given twice`);
  return out;
}

function variant(name: string): Variant {
  try {
    return builtinVariant(name);
  } catch (e) {
    if (e instanceof VariantError) throw new UserError('(arguments)', '--variant', e.problem);
    throw e;
  }
}

function configOf(o: OracleOutcome): string {
  return `${blockSize(o.config)}-byte blocks (${o.config.blocksPerPage} a page), ${describeMount(o.config.mount)}`;
}

function textOf(p: OraclePlan, outcomes: ReadonlyArray<OracleOutcome & { elapsedMs: number }>): string {
  const lines = [`the model (${p.variant.name}) against Linux ${printable(release())}, seed ${p.seed}, up to ${p.runs} sequences a configuration`];
  for (const o of outcomes) {
    const verdict = o.disagreements.length === 0 ? pc.green(`${o.agreements} agree`) : pc.red(`${o.agreements} agree, ${o.disagreements.length} disagree`);
    lines.push(`  ${configOf(o)}: ${verdict} (${o.runs} sequences, ${(o.elapsedMs / 1000).toFixed(1)} s)`);
  }
  for (const o of outcomes) {
    for (const d of o.disagreements) {
      lines.push('', pc.red(`disagreement, ${configOf(o)}, shrunk to ${d.sequence.ops.length} operations:`));
      lines.push(...d.steps.map((s) => `  ${s}`), ...d.differences.map((s) => `  ${pc.red(s)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

function jsonOf(p: OraclePlan, outcomes: ReadonlyArray<OracleOutcome & { elapsedMs: number }>): string {
  return `${JSON.stringify({
    kernel: release(), variant: p.variant.name, seed: p.seed, runs: p.runs,
    configurations: outcomes.map((o) => ({
      blocksPerPage: o.config.blocksPerPage, blockSize: blockSize(o.config), mount: describeMount(o.config.mount),
      runs: o.runs, agreements: o.agreements, elapsedMs: o.elapsedMs,
      disagreements: o.disagreements.map((d) => ({ sequence: d.sequence, steps: d.steps, differences: d.differences, model: d.model, kernel: d.kernel })),
    })),
  })}\n`;
}
