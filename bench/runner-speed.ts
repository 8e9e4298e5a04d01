/**
 * Runner speed: atomic steps a second on one core, with every claim checked
 * after every step and no trace recorded (the hunt's hot path).
 * Target (issue 2): at least 1,000,000 steps a second.
 *
 * Usage: npm run bench:runner [-- --seconds N]
 */
import { integer, parseOptions } from '../src/cli/options';
import { orExit } from '../src/cli/run-cli';
import { runnerScenarios, runnerSpeed } from './speeds';

const seconds = orExit('bench runner', {
  summary: 'steps a second of the runner on random schedules',
  usage: 'npx punch-hunt bench runner [options]   (alias: npm run bench:runner -- [options])',
  options: { seconds: 'how long to measure' },
  example: 'npx punch-hunt bench runner --seconds 5',
}, () => integer(parseOptions(process.argv.slice(2), { seconds: { type: 'string', default: '3' } }).values.seconds, '--seconds', 1, 3600));

function measure(label: string, chosen: ReturnType<typeof runnerScenarios>): number {
  const r = runnerSpeed(chosen, seconds);
  console.log(
    `${label}: ${r.stepsPerSec} steps/s (${r.runs} runs, ${r.stepsPerRun.toFixed(1)} steps a run, ` +
      `${r.violated} stopped at a violation, ${r.seconds.toFixed(2)} s)`,
  );
  return r.stepsPerSec;
}

const all = runnerScenarios();
const mixed = measure('all variants', all);
const clean = measure('ext4-5.15 only (runs go to the end)', all.filter((sc) => sc.variant === 'ext4-5.15'));
const worst = Math.min(mixed, clean);
console.log(`steps per second: ${worst} (the lower of the two; target 1000000: ${worst >= 1_000_000 ? 'met' : 'NOT met'})`);
