import { classifyPath } from '../selection/classify-path.js';
import { resolveRef } from '../selection/git.js';
import { classifyChanges } from '../selection/select-proofs.js';
import type { SelectionConfig } from '../selection/types.js';
import { checkGates } from './check-gates.js';
import { deriveClass } from './derive-class.js';
import { findDestructiveDdl } from './find-destructive-ddl.js';
import { addedLines, commitsBetween, fileAt } from './repo-facts.js';
import { DEFAULT_ROLLBACK_PLANS } from './check-gates.js';
import type { ApiVerdict, ClassVerdict, DestructiveDdl, GateResult, ReleaseClassConfig } from './types.js';

export interface ClassifyReleaseOptions {
  repo: string;
  from: string;
  to: string;
  apiVerdict: ApiVerdict | undefined;
  selection?: SelectionConfig;
  config?: ReleaseClassConfig;
}

export interface ReleaseClassResult extends ClassVerdict {
  from: string;
  to: string;
  fromCommit: string;
  toCommit: string;
  apiVerdict: ApiVerdict | null;
  destructive: DestructiveDdl[];
  configChanges: string[];
  schemaChanges: string[];
  gates: GateResult[];
}

/** Derives the class of the change from..to and checks that class's gates from the repository. */
export async function classifyRelease(o: ClassifyReleaseOptions): Promise<ReleaseClassResult> {
  const config = o.config ?? {};
  const changes = await classifyChanges(o.repo, o.from, o.to, o.selection ?? {});
  const schemaChanges = changes.filter((c) => c.category === 'schema' && c.status !== 'D').map((c) => c.path);
  const removedSchema = changes.filter((c) => c.category === 'schema' && c.status === 'D').map((c) => c.path);
  const configChanges = changes.filter((c) => c.category === 'config').map((c) => c.path);
  const destructive = findDestructiveDdl(await addedLines(o.repo, o.from, o.to, schemaChanges));
  // Deleting a migration file rewrites history a database may already have applied.
  for (const f of removedSchema)
    destructive.push({ id: 'migration-removed', file: f, line: '(file deleted)' });
  const verdict = deriveClass({
    apiVerdict: o.apiVerdict,
    destructive,
    configChanges,
    schemaChanges: [...schemaChanges, ...removedSchema],
  });
  const changelog = config.changelog ?? 'CHANGELOG.md';
  const plans = config.rollbackPlans ?? DEFAULT_ROLLBACK_PLANS;
  const rollbackPlans = new Map<string, string | undefined>();
  for (const p of plans) rollbackPlans.set(p, await fileAt(o.repo, o.to, p));
  const gates = checkGates({
    cls: verdict.class,
    changes,
    commits: await commitsBetween(o.repo, o.from, o.to),
    rollbackPlans,
    changelogAdded: (await addedLines(o.repo, o.from, o.to, [changelog])).get(changelog) ?? [],
    isTestPath: (p) => classifyPath(p, o.selection?.categories) === 'test',
    config,
  });
  return {
    ...verdict,
    from: o.from,
    to: o.to,
    fromCommit: await resolveRef(o.repo, o.from),
    toCommit: await resolveRef(o.repo, o.to),
    apiVerdict: o.apiVerdict ?? null,
    destructive,
    configChanges,
    schemaChanges,
    gates,
  };
}
