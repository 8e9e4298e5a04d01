import type { ClaimName } from '../../claims/claim';
import { CLAIMS } from '../../claims/index';
import type { ShrunkCase } from '../../cases/case-format';
import { makeCase } from '../../cases/make-case';
import { initialState, modelFor } from '../../run/initial-state';
import type { Scenario } from '../../run/scenario';
import type { Cell } from './hunt-cell';
import { polishCase } from '../minimise/polish-case';
import { shortestSchedule } from '../kernel/shortest-schedule';

/**
 * A scenario some exhaustive run of another cell saw break `claim`: every
 * exhaustive run of a variant and geometry watches all the claims, so the
 * hunt's exhaustive work on a row serves all of its cells, not only the
 * one it was drawn for.
 */
export interface Lead {
  readonly claim: ClaimName;
  readonly scenario: Scenario;
}

/** Leads kept per claim from one cell's hunt: the first few are as good as many. */
const LEADS_PER_CLAIM = 3;

/** A collector of leads, at most a few per claim, no scenario twice. */
export function leadCollector(): { add: (claim: ClaimName, scenario: Scenario) => void; leads: Lead[] } {
  const leads: Lead[] = [];
  const seen = new Set<string>();
  return {
    leads,
    add(claim, scenario) {
      const key = `${claim} ${JSON.stringify(scenario)}`;
      if (seen.has(key) || leads.filter((l) => l.claim === claim).length >= LEADS_PER_CLAIM) return;
      seen.add(key);
      leads.push({ claim, scenario });
    },
  };
}

/**
 * Search each lead breadth-first for the cell's claim; the first that
 * breaks it becomes the cell's case, polished as a hunted one is. Its
 * origin is the exhaustive strategy, without a fast-check seed or path: the
 * scenario was drawn for another cell. Null if no lead breaks the claim.
 */
export function huntLeads(cell: Cell, leads: readonly Scenario[]): { case: ShrunkCase; runs: number; ms: number } | null {
  const start = performance.now();
  for (let k = 0; k < leads.length; k++) {
    const sc = leads[k];
    const m = modelFor(sc, cell.variant);
    const r = shortestSchedule(m, initialState(m, sc), CLAIMS[cell.claim]);
    if (r.verdict !== 'violated') continue;
    const ms = Math.round((performance.now() - start) * 100) / 100;
    const polished = polishCase(cell, sc, r.schedule);
    const found = makeCase(cell.variant, cell.claim, polished.scenario, polished.schedule, {
      strategy: 'exhaustive', seed: null, path: null, runs: k + 1, msToFirstFailure: ms,
      stepsBeforeShrinking: r.schedule.length, shortestSteps: polished.shortestSteps,
    });
    if (found !== null) return { case: found, runs: k + 1, ms };
  }
  return null;
}
