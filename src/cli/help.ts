import type { ParseArgsConfig } from 'node:util';

/** What `--help` says about a command: what it does, how it is called, each option, and one example. */
export interface CommandHelp {
  /** One line: what the command does. */
  readonly summary: string;
  /** The call, as `npx punch-hunt NAME ...` and its npm alias. */
  readonly usage: string;
  /** One line per option, by its long name (no dashes). */
  readonly options: Readonly<Record<string, string>>;
  readonly example: string;
}

type Declared = NonNullable<ParseArgsConfig['options']>;

/**
 * Thrown by parseOptions when the arguments ask for help (`--help` or `-h`
 * before any `--`), carrying the options the command declares, so that the
 * help lists exactly what the parser accepts.
 */
export class HelpRequested extends Error {
  constructor(readonly declared: Declared) {
    super('help requested');
  }
}

export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The help text: summary, usage, every declared option with its value, default and meaning, the example. */
export function formatHelp(name: string, help: CommandHelp, declared: Declared): string {
  const rows = Object.entries(declared).map(([flag, d]) => {
    const value = d.type === 'string' ? ` ${flag === 'variant-file' || flag === 'html' ? 'FILE' : 'VALUE'}${d.multiple ? ' (repeatable)' : ''}` : '';
    const dflt = d.default !== undefined && d.type === 'string' ? ` (default ${String(d.default)})` : '';
    return [`  --${flag}${value}`, `${help.options[flag] ?? '(undocumented)'}${dflt}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length), 0) + 2;
  return [
    `${name}: ${help.summary}`,
    '',
    `usage: ${help.usage}`,
    '',
    'options:',
    ...rows.map(([left, right]) => `${left.padEnd(width)}${right}`),
    `  --help${' '.repeat(Math.max(width - 8, 1))}this text`,
    '',
    `example: ${help.example}`,
    '',
  ].join('\n');
}
