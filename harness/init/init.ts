import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILES } from '../config/load-config.js';
import { InputError } from '../errors/index.js';
import { FREEZE_FILES } from '../freeze/files.js';
import { buildFreeze, writeFreeze } from '../freeze/index.js';
import { findSpecs } from './find-spec.js';
import { renderGithubWorkflow, renderGitlabCi } from './render-ci.js';
import { PROOF_SUITE_GLOB, renderConfig } from './render-config.js';
import { listFiles } from '../selection/list-files.js';
import { addPackageScripts } from './add-package-scripts.js';
import { ensureLines, writeIfAbsent } from './write-if-absent.js';

export interface InitOptions {
  /** The team's repository root. */
  root: string;
  /** The spec to freeze (default: the first one found). */
  spec?: string | undefined;
  /** Contract folder (default contracts/v1). */
  contractDir?: string | undefined;
  /** Replace files init wrote before (never a frozen contract of another meaning). */
  force?: boolean | undefined;
  /** Write proofgate.config.ts (default: when this Node.js loads TypeScript, else .mjs with JSDoc types). */
  typescript?: boolean | undefined;
}

export interface InitResult {
  spec: string;
  written: string[];
  kept: string[];
  notes: string[];
  /** Whether package.json has the check:openapi and test:prod-gate scripts (added or already there). */
  scripts: boolean;
}

export const GITIGNORE_LINES = ['proofgate-release/', '.proofgate/', 'proofgate.sarif'] as const;

/**
 * `proofgate init`: freeze the team's spec into contracts/v1, write a typed config with what was
 * found (and TODOs for what was not), CI for GitHub Actions and GitLab, .gitignore entries and the
 * package.json scripts `check:openapi` and `test:prod-gate`.
 * Safe to run twice: nothing is overwritten without `force`, and a freeze of another contract is
 * never replaced (changing v1 means adding v2).
 */
export async function init(options: InitOptions): Promise<InitResult> {
  const root = resolve(options.root);
  const force = options.force === true;
  const found = findSpecs(root);
  const spec = options.spec !== undefined ? relative(root, resolve(root, options.spec)) : found[0];
  if (spec === undefined)
    throw new InputError('ERR_INPUT', `no OpenAPI spec found in ${root}`, {
      hint: 'pass --spec FILE (init looks for openapi.{yaml,yml,json} in the usual places)',
    });
  if (!existsSync(join(root, spec)))
    throw new InputError('ERR_INPUT', `the spec ${spec} does not exist`, { file: join(root, spec) });
  const contractDir = options.contractDir ?? 'contracts/v1';
  const result: InitResult = { spec, written: [], kept: [], notes: [], scripts: false };
  const note = (file: string, outcome: 'written' | 'kept') => result[outcome].push(file);

  // An existing freeze is never touched without --force (not even "repaired": verify-freeze reports
  // a tampered one); one of another contract is never replaced, even with --force.
  const artifacts = await buildFreeze(join(root, spec));
  const snapshotFile = join(root, contractDir, FREEZE_FILES.snapshot);
  const frozen = existsSync(snapshotFile) ? await readFile(snapshotFile, 'utf8') : undefined;
  if (frozen !== undefined && frozen !== artifacts.snapshot) {
    note(contractDir, 'kept');
    result.notes.push(
      `${contractDir} already freezes another contract: left as is (check-openapi reports the difference; a changed contract is a new version: proofgate freeze --out contracts/v2)`,
    );
  } else if (frozen !== undefined && !force) note(contractDir, 'kept');
  else {
    const w = await writeFreeze(join(root, contractDir), artifacts);
    note(contractDir, w.written.length > 0 ? 'written' : 'kept');
  }

  const existingConfig = CONFIG_FILES.find((n) => existsSync(join(root, n)));
  if (existingConfig !== undefined && !force) note(existingConfig, 'kept');
  else {
    const ts = options.typescript ?? (process.features as { typescript?: unknown }).typescript !== undefined;
    const name = existingConfig ?? (ts ? 'proofgate.config.ts' : 'proofgate.config.mjs');
    const text = renderConfig({
      spec,
      otherSpecs: found.filter((f) => f !== spec),
      contractDir,
      proofSuites: listFiles(root, [PROOF_SUITE_GLOB]),
      typescript: name.endsWith('.ts'),
    });
    note(name, await writeIfAbsent(join(root, name), text, force));
  }
  for (const [file, text] of [
    ['.github/workflows/proofgate.yml', renderGithubWorkflow()],
    ['.gitlab/proofgate.yml', renderGitlabCi()],
  ] as const)
    note(file, await writeIfAbsent(join(root, file), text, force));
  // What release-class (prod-gate --from REF) asks of every release, said now rather than on the first PR.
  if (!existsSync(join(root, 'CHANGELOG.md')))
    result.notes.push(
      'no CHANGELOG.md: prod-gate --from REF (release-class) needs an entry in it for every release',
    );
  if (!['docs/rollback.md', 'ROLLBACK.md'].some((f) => existsSync(join(root, f))))
    result.notes.push(
      'no rollback plan: prod-gate --from REF (release-class) needs docs/rollback.md or ROLLBACK.md',
    );
  const added = await ensureLines(join(root, '.gitignore'), GITIGNORE_LINES);
  note('.gitignore', added.length > 0 ? 'written' : 'kept');
  const scripts = await addPackageScripts(join(root, 'package.json'));
  if (scripts.kind === 'unreadable')
    result.notes.push(
      `package.json left as is (${scripts.reason}): add the scripts check:openapi and test:prod-gate yourself`,
    );
  else if (scripts.kind === 'updated') {
    if (scripts.added.length > 0) note('package.json', 'written');
    for (const name of scripts.kept)
      result.notes.push(`package.json already has a "${name}" script: left as is`);
  }
  result.scripts = scripts.kind === 'updated';
  return result;
}
