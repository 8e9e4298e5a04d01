import _ from 'lodash';
import type { ExploreJson, ExploreJsonCell } from '../../files/explore-json';

/**
 * The verdict of a whole family from the verdicts of its shards (explore
 * --shard i/n: every start lies in exactly one shard). Violated when any
 * shard is, at the shortest of their lengths (a shortest path starts at
 * some start, and its shard finds it at that length), with that shard's
 * case; otherwise incomplete when any shard is; otherwise held, vacuous
 * only when every shard's held is (the evidence was seen nowhere), with
 * the steps no shard took. States, transitions and time are summed (a state
 * two shards reach counts twice), and so are the collision bounds (the
 * union bound). The caller has checked that the shards are one family's.
 */
export function mergeShards(shards: readonly ExploreJson[]): ExploreJson {
  const cells = shards[0].cells.map((_cell, k) => mergeCell(shards.map((s) => s.cells[k])));
  return { cells, peakRssMb: Math.max(...shards.map((s) => s.peakRssMb)), pages: shards[0].pages, shard: null };
}

function mergeCell(cells: readonly ExploreJsonCell[]): ExploreJsonCell {
  const first = cells[0];
  const sum = (f: (c: ExploreJsonCell) => number) => _.sumBy(cells, f);
  const totals = { states: sum((c) => c.states), transitions: sum((c) => c.transitions), elapsedMs: sum((c) => c.elapsedMs), collisionBound: Math.min(1, sum((c) => c.collisionBound)) };
  const violated = cells.filter((c) => c.verdict === 'violated');
  if (violated.length > 0) {
    const shortest = _.minBy(violated, (c) => c.shortestSteps ?? Number.POSITIVE_INFINITY)!;
    return { ...shortest, ...totals, vacuous: false, unreached: [], cut: null };
  }
  if (cells.some((c) => c.verdict === 'not-searched')) return { ...first, ...totals };
  const incomplete = cells.find((c) => c.verdict === 'incomplete');
  if (incomplete !== undefined) return { ...incomplete, ...totals, vacuous: false, unreached: [] };
  if (cells.some((c) => !c.vacuous)) return { ...first, ...totals, vacuous: false, unreached: [] };
  return { ...first, ...totals, vacuous: true, unreached: unreachedEverywhere(cells) };
}

/** The vacuity reasons of a family whose every shard was vacuous: the first shard's evidence line, and the steps no shard took. */
function unreachedEverywhere(cells: readonly ExploreJsonCell[]): string[] {
  const prefix = 'steps never taken: ';
  const stepsOf = (c: ExploreJsonCell) => (c.unreached.find((r) => r.startsWith(prefix))?.slice(prefix.length).split(', ') ?? []);
  const never = _.intersection(...cells.map(stepsOf));
  return [...cells[0].unreached.filter((r) => !r.startsWith(prefix)), ...(never.length > 0 ? [`${prefix}${never.join(', ')}`] : [])];
}
