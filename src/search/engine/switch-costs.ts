import { IntList } from './levels';

const NONE = 0x7fffffff;

/**
 * For exact fewest-switch tie-breaking: per node and per thread that ran
 * last, the fewest thread switches of a shortest path to it, and the node
 * and last thread before. Every state on a shortest violation is at its
 * breadth-first distance (one reached later would give a shorter
 * violation), so relaxing the edges between consecutive levels is exact,
 * unlike a tie broken by the order of expansion.
 */
export class SwitchCosts {
  /** `width`: the most threads a state of the search has. */
  constructor(readonly width: number) {}

  private readonly cost = new IntList();
  private readonly fromNode = new IntList();
  private readonly fromLast = new IntList();

  /** A new node, not reached yet. */
  add(): void {
    for (let l = 0; l < this.width; l++) {
      this.cost.push(NONE);
      this.fromNode.push(-1);
      this.fromLast.push(-1);
    }
  }

  /** The edge from node `from` by thread t to node `to`, one level deeper. */
  relax(from: number, t: number, to: number, fromStart: boolean): void {
    const at = to * this.width + t;
    if (fromStart) {
      if (this.cost.at(at) > 0) this.set(at, 0, from, -1);
      return;
    }
    for (let l = 0; l < this.width; l++) {
      const c = this.cost.at(from * this.width + l);
      if (c === NONE) continue;
      const via = c + (l === t ? 0 : 1);
      if (via < this.cost.at(at)) this.set(at, via, from, l);
    }
  }

  /** Among the nodes `hits`, a path to one of them with the fewest switches, as the threads of its steps. */
  fewest(hits: readonly number[]): number[] {
    let best = -1;
    for (const node of hits) {
      for (let l = 0; l < this.width; l++) {
        const at = node * this.width + l;
        if (this.cost.at(at) !== NONE && (best < 0 || this.cost.at(at) < this.cost.at(best))) best = at;
      }
    }
    if (best < 0) return []; // a start breaks the claim: no steps
    const out: number[] = [];
    for (let at = best; at >= 0;) {
      out.push(at % this.width);
      const last = this.fromLast.at(at);
      at = last < 0 ? -1 : this.fromNode.at(at) * this.width + last;
    }
    return out.reverse();
  }

  private set(at: number, cost: number, from: number, last: number): void {
    this.cost.set(at, cost);
    this.fromNode.set(at, from);
    this.fromLast.set(at, last);
  }
}
