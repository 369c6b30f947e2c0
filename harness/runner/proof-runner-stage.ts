import type { Stage } from '../gate/types.js';
import type { Report } from '../report/types.js';
import { listFiles } from '../selection/list-files.js';
import { selectionSection } from '../selection/selection-config.js';
import { selectionReport } from '../selection/selection-report.js';
import { selectProofs } from '../selection/select-proofs.js';
import type { SelectedSuite } from '../selection/types.js';
import { runnerConfigOptions } from './runner-options.js';
import { runnerReport } from './runner-report.js';
import { runProofSuites } from './run-proof-suites.js';

/**
 * prod-gate stage: select the proof suites from the change (--from..--to; without a base ref,
 * every configured suite runs: an unknown change needs every proof), plus runner.always, then run
 * them shuffled at least twice. Docs/UI/test-only changes need no suite: PASS, and it says so.
 */
export const proofRunnerStage: Stage = {
  id: 'proof-runner',
  title: 'Selected proof suites, shuffled, run twice: no flaky outcome',
  async run(ctx): Promise<Report> {
    const cfg = ctx.config.config;
    const dir = ctx.config.dir;
    const selection = selectionSection(cfg);
    const opts = runnerConfigOptions(cfg);
    let suites: SelectedSuite[];
    let none: string | undefined;
    const always = opts.always.length ? listFiles(dir, opts.always) : [];
    if (ctx.from !== undefined) {
      const sel = await selectProofs(ctx.cwd, ctx.from, ctx.to, selection, dir);
      const rep = selectionReport(sel);
      // Without selection rules, the suites that run on every change (runner.always) are its proof.
      const onlyNoRules = rep.findings.every((f) => f.level !== 'error' || f.id === 'selection-no-rules');
      if (!rep.pass && !(onlyNoRules && always.length > 0)) return { ...rep, command: 'proof-runner' };
      suites = sel.suites;
      none = sel.none;
      ctx.log(`selection ${ctx.from}..${ctx.to}: ${suites.map((s) => s.name).join(', ') || none}`);
    } else {
      suites = (selection.suites ?? []).map((r) => ({
        name: r.name,
        reasons: ['no base ref (--from): every suite runs'],
        files: listFiles(dir, r.files),
      }));
      ctx.log(
        `no base ref: every configured suite runs (${suites.map((s) => s.name).join(', ') || 'none configured'})`,
      );
    }
    const files = [...new Set([...suites.flatMap((s) => s.files), ...always])].sort();
    const names = suites.map((s) => s.name).concat(always.length ? ['always'] : []);
    if (files.length === 0) {
      if (none !== undefined) {
        return {
          command: 'proof-runner',
          title: `Proof runner: ${none}`,
          pass: true,
          body: { verdict: 'PASS', suites: [], none },
          findings: [{ id: 'proof-none-needed', level: 'info', message: none }],
        };
      }
      return {
        command: 'proof-runner',
        title: 'Proof runner: no proof suite to run',
        pass: false,
        body: { verdict: 'FAIL', suites: names },
        findings: [
          {
            id: 'proof-no-suites',
            level: 'error',
            message:
              'no proof suite file was found (selection.suites[].files / runner.always): nothing would be proven; list your suites there, or switch the stage off in gate.stages["proof-runner"] with the reason',
          },
        ],
      };
    }
    const result = await runProofSuites({ root: dir, files, ...opts.runner, log: ctx.log });
    const report = runnerReport(result, names);
    // A configured suite whose globs match nothing proves nothing: say so (selection makes it an error).
    for (const s of suites.filter((x) => x.files.length === 0)) {
      report.findings.push({
        id: 'selection-suite-empty',
        level: 'warning',
        group: s.name,
        message: `suite ${s.name}: its files globs match no file`,
      });
    }
    return report;
  },
};
