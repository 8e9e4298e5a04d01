import { spawnSync } from 'node:child_process';

/** Run one of the commands as a user would, without colour. */
export function cli(script: string, args: readonly string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
