import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfraError } from '../errors/index.js';
import { runCommand, tail } from './run-command.js';

/** One squawk violation, as its `--reporter json` prints it (line/column 0-based there, 1-based here). */
export interface SquawkViolation {
  file: string;
  line: number;
  column: number;
  rule: string;
  level: string;
  message: string;
  help: string | null;
}

/**
 * squawk-cli ships its binary as a per-platform optional npm package (@squawk-cli/linux-x64, …).
 * `PROOFGATE_SQUAWK` overrides the path. Missing binary → ERR_MIGRATION: preflight never skips the lint.
 */
export function squawkBinary(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['PROOFGATE_SQUAWK'];
  if (override) return override;
  const pkg = `@squawk-cli/${process.platform}-${process.arch}`;
  try {
    // From squawk-cli's own folder: pnpm does not hoist its optional platform package to ours.
    const fromSquawk = createRequire(createRequire(import.meta.url).resolve('squawk-cli/package.json'));
    return fromSquawk.resolve(`${pkg}/bin/squawk${process.platform === 'win32' ? '.exe' : ''}`);
  } catch (e) {
    throw new InfraError(
      'ERR_MIGRATION',
      `squawk is not installed for ${process.platform}-${process.arch} (${pkg})`,
      {
        hint: 'install with optional dependencies (`npm install --include=optional`) or set PROOFGATE_SQUAWK',
        cause: e,
      },
    );
  }
}

/** Lints SQL files with squawk for the given Postgres major; returns every violation, sorted. */
export async function runSquawk(files: readonly string[], pgMajor: number): Promise<SquawkViolation[]> {
  if (files.length === 0) return [];
  const binary = squawkBinary();
  // An empty config, so a stray .squawk.toml cannot exclude the rules the gate depends on.
  const dir = await mkdtemp(join(tmpdir(), 'proofgate-squawk-'));
  try {
    const config = join(dir, 'squawk.toml');
    await writeFile(config, '');
    const result = await runCommand(
      [binary, '--reporter', 'json', '-c', config, '--pg-version', `${pgMajor}.0`, ...files],
      {
        cwd: dir,
        env: {},
        timeoutMs: 120_000,
      },
    );
    // squawk exits 1 when it found something, 0 when clean; anything else is a failure to lint.
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.stdout);
    } catch {
      parsed = undefined;
    }
    if ((result.code !== 0 && result.code !== 1) || !Array.isArray(parsed))
      throw new InfraError(
        'ERR_MIGRATION',
        `squawk failed (exit ${result.code ?? result.signal}): ${tail(result.stderr || result.stdout)}`,
      );
    return (parsed as Record<string, unknown>[])
      .map((v) => ({
        file: String(v['file']),
        line: Number(v['line']) + 1,
        column: Number(v['column']) + 1,
        rule: String(v['rule_name']),
        level: String(v['level']),
        message: String(v['message']),
        help: typeof v['help'] === 'string' ? v['help'] : null,
      }))
      .sort((a, b) =>
        a.file !== b.file
          ? a.file < b.file
            ? -1
            : 1
          : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `squawk <version>` of the binary that will run, for the report. */
export async function squawkVersion(): Promise<string> {
  const result = await runCommand([squawkBinary(), '--version'], {
    cwd: tmpdir(),
    env: {},
    timeoutMs: 30_000,
  });
  if (result.code !== 0)
    throw new InfraError('ERR_MIGRATION', `squawk --version failed: ${tail(result.stderr)}`);
  return result.stdout.trim();
}
