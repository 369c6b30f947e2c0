import { InputError } from '../errors/index.js';
import { isPlainObject } from './read-json.js';
import type { CommandLine, DriverConfig } from './types.js';

export const DEFAULT_COMMAND_TIMEOUT_MS = 300_000;

/** Validates `migrations.json`; an absent file means the SQL driver over `migrations/`. */
export function parseDriverConfig(value: unknown, file: string): DriverConfig {
  const fail = (pointer: string, message: string): never => {
    throw new InputError('ERR_RELEASE', message, {
      file,
      pointer,
      hint: 'see docs/migrations.md, "Drivers"',
    });
  };
  if (value === undefined) return { driver: 'sql', dir: 'migrations' };
  if (!isPlainObject(value)) return fail('', 'migrations.json must be a JSON object');
  const known = new Set(['driver', 'dir', 'cwd', 'upgrade', 'headQuery', 'heads', 'sql', 'timeoutMs']);
  for (const key of Object.keys(value))
    if (!known.has(key)) fail(`/${key}`, `unknown member ${JSON.stringify(key)}`);

  const relPath = (key: string, fallback: string): string => {
    const v = value[key] ?? fallback;
    if (typeof v !== 'string' || v === '' || v.startsWith('/') || v.split(/[\\/]/).includes('..'))
      return fail(`/${key}`, `${key} must be a relative path inside the release folder`);
    return v;
  };
  const commandLine = (key: string, required: boolean): CommandLine | undefined => {
    const v = value[key];
    if (v === undefined && !required) return undefined;
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== ''))
      return v as string[];
    return fail(
      `/${key}`,
      `${key} must be a command: a non-empty string (run by /bin/sh) or an array of arguments`,
    );
  };

  const driver = value['driver'] ?? 'sql';
  if (driver === 'sql') {
    for (const key of ['cwd', 'upgrade', 'headQuery', 'heads', 'sql', 'timeoutMs'])
      if (key in value) fail(`/${key}`, `${key} applies to the command driver only`);
    return { driver: 'sql', dir: relPath('dir', 'migrations') };
  }
  if (driver !== 'command') return fail('/driver', 'driver must be "sql" or "command"');

  const headQuery = value['headQuery'];
  if (typeof headQuery !== 'string' || headQuery.trim() === '')
    fail('/headQuery', 'headQuery must be the SQL that returns the current head(s)');
  const timeoutMs = value['timeoutMs'] ?? DEFAULT_COMMAND_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0)
    fail('/timeoutMs', 'timeoutMs must be a positive whole number');
  const heads = commandLine('heads', false);
  const sql = commandLine('sql', false);
  return {
    driver: 'command',
    dir: relPath('dir', 'migrations'),
    cwd: relPath('cwd', '.'),
    upgrade: commandLine('upgrade', true) as CommandLine,
    headQuery: headQuery as string,
    ...(heads === undefined ? {} : { heads }),
    ...(sql === undefined ? {} : { sql }),
    timeoutMs: timeoutMs as number,
  };
}
