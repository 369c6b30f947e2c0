import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors/index.js';
import { FORMATS, type Format } from '../report/types.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Flags every reporting command accepts. */
export const REPORT_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  deterministic: { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export const REPORT_OPTIONS_HELP = `Report options:
  --format FORMAT     text (default) | json | markdown | junit | github | sarif
  --out FILE          write the report to FILE atomically (a one-line summary still goes to stdout)
  --deterministic     omit timings so identical inputs give byte-identical reports
  --config FILE       config file (default: ./proofgate.config.{ts,mjs,js,json})
  -h, --help          this help`;

/** node:util parseArgs in strict mode, with unknown flags turned into a UsageError (exit 2). */
export function parseCommandArgs<T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>(config); // strict is the default
  } catch (e) {
    throw new UsageError(`${command}: ${(e as Error).message}`, {
      hint: `run \`proofgate ${command} --help\``,
    });
  }
}

export function parseFormat(value: string | undefined, fallback: Format = 'text'): Format {
  if (value === undefined) return fallback;
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`unknown --format ${JSON.stringify(value)}; use one of ${FORMATS.join(', ')}`);
}

export function parsePositiveInt(flag: string, value: string | undefined, max?: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value))
    throw new UsageError(`${flag} takes a positive whole number, not ${JSON.stringify(value)}`);
  const n = Number(value);
  if (max !== undefined && n > max) throw new UsageError(`${flag} takes at most ${max}, not ${value}`);
  return n;
}

export function requireFlag<V>(flag: string, value: V | undefined, hint?: string): V {
  if (value === undefined || value === '') {
    throw new UsageError(`missing required ${flag}`, hint === undefined ? undefined : { hint });
  }
  return value;
}
