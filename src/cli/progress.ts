import { SingleBar } from 'cli-progress';

/** Seconds between two progress lines when stderr is not a terminal. */
const LINE_EVERY_MS = 5000;

/**
 * Progress of a long command, on stderr only: a cli-progress bar on a
 * terminal; otherwise (a CI log, a pipe) one plain line at most every few
 * seconds, so that a long run is never silent and a log is not flooded.
 */
export interface Progress {
  /** The work done so far, of `total`, and the words after the count (line mode) or the bar's fields. */
  update(value: number, words: string): void;
  setTotal(total: number): void;
  stop(): void;
}

export function progress(label: string, total: number, opts: { tty?: boolean } = {}): Progress {
  const tty = opts.tty ?? process.stderr.isTTY === true;
  if (tty) {
    const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} {words}`, hideCursor: true });
    bar.start(total, 0, { words: '' });
    return {
      update: (value, words) => bar.update(value, { words }),
      setTotal: (t) => bar.setTotal(t),
      stop: () => bar.stop(),
    };
  }
  const started = performance.now();
  let last = started;
  let max = total;
  return {
    update(value, words) {
      const now = performance.now();
      if (now - last < LINE_EVERY_MS) return;
      last = now;
      process.stderr.write(`${label}: ${value}/${max} ${words} (${((now - started) / 1000).toFixed(0)} s)\n`);
    },
    setTotal: (t) => {
      max = t;
    },
    stop: () => undefined,
  };
}
