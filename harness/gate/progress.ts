import type { Output } from '../cli/context.js';
import type { StageOutcome } from './types.js';

/**
 * Progress on stderr: a live line per stage on a TTY, one plain line per finished stage in CI
 * (no escape codes, so CI logs stay readable). Never part of the report.
 */
export function progressPrinter(out: Output, total: number, env: NodeJS.ProcessEnv = {}) {
  // A CI (CI=true on GitHub/GitLab, JENKINS_URL on Jenkins), TERM=dumb or NO_COLOR forces plain
  // lines even when the runner allocates a pseudo-TTY.
  const set = (v: string | undefined) => v !== undefined && v !== '' && v !== 'false' && v !== '0';
  const tty =
    out.isTTY === true && !set(env.CI) && !set(env.JENKINS_URL) && !set(env.NO_COLOR) && env.TERM !== 'dumb';
  const label = (i: number, id: string) => `[${i + 1}/${total}] ${id}`;
  return {
    start(i: number, id: string): void {
      if (tty) out.write(`\x1b[2K\r… ${label(i, id)} running`);
    },
    end(i: number, o: StageOutcome): void {
      const word = o.status === 'pass' ? 'PASS' : o.status === 'skipped' ? 'SKIPPED' : 'FAIL';
      const secs = o.status === 'skipped' ? '' : ` (${(o.durationMs / 1000).toFixed(1)}s)`;
      const why = o.status !== 'pass' && o.reason ? `: ${o.reason}` : '';
      if (tty) {
        const mark =
          o.status === 'pass'
            ? '\x1b[32m✔\x1b[0m'
            : o.status === 'skipped'
              ? '\x1b[33m-\x1b[0m'
              : '\x1b[31m✘\x1b[0m';
        out.write(`\x1b[2K\r${mark} ${label(i, o.id)} ${word}${secs}${why}\n`);
      } else out.write(`prod-gate ${label(i, o.id)}: ${word}${secs}${why}\n`);
    },
  };
}
