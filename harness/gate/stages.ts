import { resolve } from 'node:path';
import type { StageSpec } from './types.js';

/**
 * The prod-gate stages, in the order DESIGN.md runs them. To plug a stage in: register its CLI
 * command (it is then run in-process with `--format json --deterministic`, plus `defaultArgs` and
 * the config's gate.stages.<id>.args), or give it a `load` returning a library Stage. Until one
 * exists the stage FAILs as "not implemented".
 */
export const GATE_STAGES: readonly StageSpec[] = [
  {
    id: 'verify-freeze',
    title: 'Frozen v1 contract unchanged (spec, snapshot, sha256, types)',
    command: 'verify-freeze',
  },
  {
    id: 'check-openapi',
    title: 'Candidate spec vs frozen v1: no breaking change',
    command: 'check-openapi',
    // Lifecycle rules and exception expiry compare against the gate's date, never the clock.
    defaultArgs: (ctx) => ['--date', ctx.date],
  },
  {
    id: 'conformance',
    title: 'Live conformance of the service to the frozen contract',
    command: 'conformance',
  },
  { id: 'rehearse', title: 'Upgrade rehearsal: migrations preflight, apply, re-verify', command: 'rehearse' },
  {
    id: 'verify-proofs',
    title: 'Trust verification: signed proofs, lineage, anchors',
    command: 'verify-proofs',
    // The bundle from the config (proofs.bundle); a database URL comes through gate.stages args.
    defaultArgs: (ctx) => {
      const bundle = ctx.config.config.proofs?.bundle;
      return bundle === undefined || ctx.args.includes('--database-url')
        ? []
        : ['--bundle', resolve(ctx.config.dir, bundle)];
    },
  },
  {
    id: 'release-check',
    title: 'Release artifact and startup guards (env matrix)',
    load: async () => (await import('../release/release-check-stage.js')).releaseCheckStage,
  },
  {
    id: 'rails',
    title: 'Property rails: scope lattice, tenant isolation, stable reasons',
    // The rails are part of `conformance` (issue 4); --rails-only runs them without repeating the
    // conformance checks, so a rails violation is named by this stage.
    command: 'conformance',
    defaultArgs: () => ['--rails-only'],
  },
  {
    id: 'proof-runner',
    title: 'Selected proof suites, shuffled, run twice: no flaky outcome',
    load: async () => (await import('../runner/proof-runner-stage.js')).proofRunnerStage,
  },
  {
    id: 'release-class',
    title: 'Release class (patch/minor/major) and its gates',
    load: async () => (await import('../release-class/release-class-stage.js')).releaseClassStage,
    applies: async (ctx) => {
      if (ctx.from === undefined)
        return 'no base ref: pass --from REF (or set gate.from) to class the release';
      // No file changed between the refs (e.g. --from origin/main on main itself): no release to class.
      const { diffNameStatus } = await import('../selection/diff-refs.js');
      const changes = await diffNameStatus(ctx.cwd, ctx.from, ctx.to).catch(() => undefined); // a bad ref: the stage says so
      return changes?.length === 0
        ? `not applicable: nothing changed between ${ctx.from} and ${ctx.to}: no release to class`
        : undefined;
    },
  },
];

export { GATE_STAGE_IDS } from './stage-ids.js';
