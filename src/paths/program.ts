import { T_PC } from '../model/layout';
import type { OpName } from '../model/ops';
import type { Effect, Guard, Program, Step } from '../model/program';
import type { State } from '../model/state';

/** A position in a program, resolved when the builder places it. */
export class Label {
  pc = -1;
  constructor(readonly name: string) {}
}

export const ALWAYS: Guard = () => true;

export function jump(s: State, t: number, label: Label): void {
  s[t + T_PC] = label.pc;
}

export class ProgramBuilder {
  private readonly steps: Step[] = [];
  private readonly labels: Label[] = [];
  private readonly deferred: Array<() => void> = [];
  /** The end of the program: a thread whose pc is here has finished. */
  readonly end: Label;

  constructor(readonly op: OpName) {
    this.end = this.label('end');
  }

  label(name: string): Label {
    const l = new Label(name);
    this.labels.push(l);
    return l;
  }

  /** Place a label at the next step to be added. */
  here(label: Label): void {
    label.pc = this.steps.length;
  }

  step(name: string, guard: Guard, effect: Effect): void {
    this.steps.push({ name, guard, effect });
  }

  /** Add a step made elsewhere (a lock's take, with its queue half: model/rwsem-queue.ts). */
  add(step: Step): void {
    this.steps.push(step);
  }

  /**
   * Emit a block after the main flow (an exit path that jumps back). The
   * main flow's last step is made to finish the thread instead of falling
   * into such a block; every out-of-line block must end with a jump.
   */
  outOfLine(emit: () => void): void {
    this.deferred.push(emit);
  }

  build(): Program {
    const mainLength = this.steps.length;
    for (const emit of this.deferred) emit();
    this.end.pc = this.steps.length;
    if (this.deferred.length > 0 && mainLength > 0) {
      const last = this.steps[mainLength - 1];
      const end = this.end;
      this.steps[mainLength - 1] = {
        ...last,
        effect: (s, t, m) => {
          s[t + T_PC] = end.pc;
          last.effect(s, t, m);
        },
      };
    }
    const unplaced = this.labels.filter((l) => l.pc < 0).map((l) => l.name);
    if (unplaced.length > 0) throw new Error(`program ${this.op}: labels never placed: ${unplaced.join(', ')}`);
    return { op: this.op, steps: this.steps, labels: this.labels, mainLength };
  }
}
