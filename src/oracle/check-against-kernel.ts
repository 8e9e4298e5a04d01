import fc from 'fast-check';
import type { Model } from '../model/model';
import type { Variant } from '../variants/variant';
import { disagreements, type Observation } from './observation';
import { checkSequence, describeSequence, type OpSequence, type OracleMount } from './op-sequence';
import { Ext4 } from './real-ext4';
import { runOnExt4 } from './run-on-ext4';
import { runOnModel } from './run-on-model';
import { sequenceArbitrary } from './sequence-arbitrary';
import { blockSize } from './xfs-io-script';

export interface OracleConfig {
  readonly blocksPerPage: 1 | 2;
  readonly mount: OracleMount;
  /** The model's era; the one matching the running kernel (ext4-6.15) unless a test says otherwise. */
  readonly variant: Variant;
  /** A planted bug: the model changed (tests only). */
  readonly patch?: (m: Model) => Model;
}

/** A sequence on which the two sides differ, shrunk: the sequence, where they differ, and both sides. */
export interface Disagreement {
  readonly sequence: OpSequence;
  readonly steps: readonly string[];
  readonly differences: readonly string[];
  readonly model: Observation;
  readonly kernel: Observation;
}

export interface OracleOutcome {
  readonly config: OracleConfig;
  /** Sequences drawn (shrinking steps not counted). */
  readonly runs: number;
  readonly agreements: number;
  readonly disagreements: readonly Disagreement[];
}

export interface OracleRunOptions {
  readonly runs: number;
  readonly seed: number;
  /** Stop after this many disagreements (each one costs a shrink on the real file system). */
  readonly maxDisagreements: number;
  /** Told after every sequence drawn, and while shrinking. */
  readonly onProgress?: (runs: number, shrinking: boolean) => void;
  /** Told both sides of every sequence compared (shrinking included). */
  readonly onCompared?: (d: Disagreement) => void;
}

/** Both sides of one sequence, and where they differ. */
export async function compareOne(fs: Ext4, config: OracleConfig, seq: OpSequence): Promise<Disagreement> {
  checkSequence(seq);
  const model = runOnModel(seq, config.variant, config.patch);
  const kernel = await runOnExt4(fs, seq);
  return { sequence: seq, steps: describeSequence(seq), differences: disagreements(seq, model, kernel), model, kernel };
}

/**
 * The differential property for one geometry and mount, on a file system
 * of its own: fast-check draws sequences, each runs on the model and on the
 * kernel, and a disagreement is shrunk (on the kernel too) and kept; then
 * the search goes on with the next seed, until `runs` sequences have been
 * drawn or `maxDisagreements` found. Same seed, same sequences.
 */
export async function checkAgainstKernel(config: OracleConfig, o: OracleRunOptions): Promise<OracleOutcome> {
  const fs = await Ext4.mount({ blockSize: blockSize(config) as 4096 | 2048, data: config.mount.data === 'data=ordered' ? 'ordered' : 'writeback', dioreadNolock: config.mount.dioreadNolock });
  try {
    const found: Disagreement[] = [];
    let runs = 0;
    let seed = o.seed;
    while (runs < o.runs && found.length < o.maxDisagreements) {
      let shrinking = false;
      const property = fc.asyncProperty(sequenceArbitrary(config.blocksPerPage, config.mount), async (seq) => {
        const compared = await compareOne(fs, config, seq);
        o.onCompared?.(compared);
        const agree = compared.differences.length === 0;
        if (!shrinking) runs++;
        if (!agree) shrinking = true;
        o.onProgress?.(runs, shrinking);
        return agree;
      });
      const details = await fc.check(property, { numRuns: o.runs - runs, seed });
      if (!details.failed || details.counterexample === null) break;
      found.push(await compareOne(fs, config, details.counterexample[0]));
      seed = (seed + 1) % 2 ** 31;
    }
    return { config, runs, agreements: runs - found.length, disagreements: found };
  } finally {
    await fs.close();
  }
}
