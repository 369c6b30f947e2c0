import type { CliContext } from '../cli/context.js';
import { exitAttemptCount, takeExitAttempts, unhandledExitAttempts } from '../cli/exit-guard.js';
import { COMMANDS } from '../cli/registry.js';
import { InfraError } from '../errors/index.js';
import type { Finding, Report } from '../report/types.js';
import type { Stage, StageContext } from './types.js';

/**
 * Wraps a registered CLI command as a stage: runs it in-process with `--format json
 * --deterministic`, parses its JSON report, and maps exit 0/1 to pass/fail. The command's own
 * findings are taken over when its body has a `findings` (or `changes`) list; a FAIL without any
 * recognisable finding still gets one (`stage-failed`), so the gate report always says why.
 * Returns undefined when the command is not registered (the stage is then "not implemented").
 */
export function commandStage(id: string, title: string, name: string, args: string[]): Stage | undefined {
  const entry = COMMANDS[name];
  if (entry === undefined) return undefined;
  return {
    id,
    title,
    async run(ctx: StageContext): Promise<Report> {
      const command = await entry.load();
      const out: string[] = [];
      const sub: CliContext = {
        stdout: { write: (s) => void out.push(s) },
        stderr: {
          write: (s) =>
            s
              .split(/\r?\n/)
              .filter(Boolean)
              .forEach((l) => ctx.log(l)),
        },
        cwd: ctx.cwd,
        env: ctx.env,
        config: (explicit) =>
          explicit === undefined ? Promise.resolve(ctx.config) : ctx.cli.config(explicit),
      };
      const argv = [...args, '--format', 'json', '--deterministic'];
      ctx.log(`$ proofgate ${name} ${argv.join(' ')}`);
      const since = exitAttemptCount();
      const code = await command.run(argv, sub); // a ProofgateError propagates: the gate makes it a stage FAIL
      // process.exit() from user code that the user code caught: this stage's result is not trustworthy.
      const swallowed = unhandledExitAttempts(since);
      if (swallowed.length > 0)
        throw new InfraError(
          'ERR_USER_EXIT',
          `${takeExitAttempts(swallowed)}; only proofgate decides the exit code`,
        );
      const text = out.join('');
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new Error(`${name} did not print a JSON report (exit ${code}): ${text.slice(0, 200)}`);
      }
      const { digest: _digest, timings: _timings, engine: _engine, ...body } = json;
      const findings = extractFindings(body);
      const pass = code === 0;
      if (!pass && !findings.some((f) => f.level === 'error')) {
        findings.push({
          id: 'stage-failed',
          level: 'error',
          message: `${name} exited ${code}; see stages/${id}.json`,
        });
      }
      return {
        command: name,
        title:
          typeof body.title === 'string'
            ? body.title.replace(new RegExp(`^${name}:`), `${id}:`)
            : `${id}: ${title}`,
        pass,
        body,
        findings,
      };
    },
  };
}

function extractFindings(body: Record<string, unknown>): Finding[] {
  const list = Array.isArray(body.findings) ? body.findings : Array.isArray(body.changes) ? body.changes : [];
  const out: Finding[] = [];
  for (const raw of list) {
    if (raw === null || typeof raw !== 'object') continue;
    const f = raw as Record<string, unknown>;
    if (typeof f.id !== 'string') continue;
    const level =
      f.level === 'error' || f.level === 'warning' || f.level === 'info'
        ? f.level
        : f.class === 'breaking' && f.exception === undefined // accepted by a reviewed exception: info
          ? 'error'
          : 'info';
    const finding: Finding = { id: f.id, level, message: typeof f.message === 'string' ? f.message : f.id };
    for (const k of ['class', 'file', 'path', 'method', 'pointer', 'kid'] as const)
      if (typeof f[k] === 'string') finding[k] = f[k];
    if (typeof f.seq === 'number') finding.seq = f.seq;
    out.push(finding);
  }
  return out;
}
