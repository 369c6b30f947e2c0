import {
  LEDGER_DATA_RULES,
  PROOFGATE_LEDGER_TABLES,
  ledgerDataChanges,
  type LedgerDataRuleId,
} from './ledger-data-changes.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CheckResult, Finding } from '../report/index.js';
import { commandSql } from './command-driver.js';
import { destructiveDdlFindings } from './destructive-ddl.js';
import { driverFor, headMatches } from './driver.js';
import { emptyLock } from './lock-file.js';
import { MigrationFailure } from './migration-failure.js';
import { releasedSet } from './released-set.js';
import { PREFLIGHT_RULES, type PreflightRuleId } from './rules.js';
import { diffSchemaDigests, schemaDigest } from './schema-digest.js';
import { runSquawk } from './squawk.js';
import { staticRules } from './static-rules.js';
import type { LockFile, MigrationRelease } from './types.js';

export interface PreflightOptions {
  candidate: MigrationRelease;
  /** The release the candidate upgrades from: its files count as released, and it is applied first. */
  base?: MigrationRelease | undefined;
  lock?: LockFile | undefined;
  /**
   * An empty database the caller owns (and drops). Without it the database rules (apply, head,
   * apply-twice, command-driver lint) are reported as skipped checks.
   */
  databaseUrl?: string | undefined;
  /** Database that already holds the base release (the rehearsal's): the candidate is applied on top. */
  baseApplied?: boolean | undefined;
  /** Postgres major squawk lints for (default 15). */
  pgMajor?: number | undefined;
  /** Folder that file locations are relative to (default: process.cwd()). */
  cwd?: string | undefined;
  /** Tables whose data is history (default proofgate's ledger_*; a team's from ledger.source). */
  ledgerTables?: readonly string[] | undefined;
}

export interface PreflightResult {
  pass: boolean;
  findings: Finding[];
  checks: CheckResult[];
  /** Heads after applying the candidate (database stage only). */
  heads?: string[];
  /** Schema digest after the candidate's migrations (database stage only). */
  schemaDigest?: string;
  /** Per-step durations in ms (kept out of report bodies). */
  timings: Record<string, number>;
}

/** Rules whose failure makes applying meaningless: the database stage is skipped after them. */
const BLOCKS_APPLY: ReadonlySet<string> = new Set([
  'migration-edited',
  'migration-removed',
  'migration-renamed',
  'migration-multiple-heads',
  'migration-out-of-order',
]);

/**
 * Migration preflight (DESIGN §4): the lock-file and ordering rules, squawk on the new SQL, and — with
 * a database — apply, head check, apply again with a catalog schema digest compared. Fails closed: a
 * rule that could not run is a skipped check, never a pass of that rule.
 */
export async function preflight(options: PreflightOptions): Promise<PreflightResult> {
  const { candidate, base } = options;
  const cwd = options.cwd ?? process.cwd();
  const pgMajor = options.pgMajor ?? 15;
  const findings: Finding[] = [];
  const ran = new Set<PreflightRuleId>();
  const skipped = new Map<PreflightRuleId, string>();
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round(performance.now() - t0);
    }
  };
  const result: PreflightResult = { pass: false, findings, checks: [], timings };
  const ledgerTables = options.ledgerTables ?? PROOFGATE_LEDGER_TABLES;
  const LEDGER_IDS = Object.keys(LEDGER_DATA_RULES) as LedgerDataRuleId[];

  // 1. Lock file and ordering (no database).
  const released = releasedSet(options.lock ?? emptyLock(), base);
  findings.push(...staticRules(candidate, released, cwd));
  for (const id of ['migration-edited', 'migration-removed', 'migration-renamed'] as const) ran.add(id);
  if (candidate.driver.driver === 'sql') ran.add('migration-out-of-order').add('migration-multiple-heads');
  else skipped.set('migration-out-of-order', 'the command driver orders migrations by its own graph');

  // 2. squawk on the SQL files that are new or changed since release.
  if (candidate.driver.driver === 'sql') {
    const lint = candidate.files.filter(
      (f) => !released.get(f.name)?.checksums.some((c) => c.checksum === f.checksum),
    );
    const violations = await timed('lint', () =>
      runSquawk(
        lint.map((f) => f.path),
        pgMajor,
      ),
    );
    findings.push(...destructiveDdlFindings(violations, candidate.artifact.class, cwd));
    ran.add('migration-destructive-ddl');
    for (const f of lint)
      findings.push(
        ...ledgerDataChanges(await readFile(f.path, 'utf8'), ledgerTables, relative(cwd, f.path) || f.path),
      );
    for (const id of LEDGER_IDS) ran.add(id);
  }

  // 3. Graph heads of a command driver (e.g. `alembic heads`).
  const driver = driverFor(candidate);
  const graph = await timed('graph-heads', () => driver.graphHeads());
  if (graph !== undefined) {
    ran.add('migration-multiple-heads');
    if (graph.length !== 1)
      findings.push({
        id: 'migration-multiple-heads',
        level: 'error',
        message: `the migration graph has ${graph.length} heads (${graph.join('; ') || 'none'}); merge them into exactly one`,
        file: relative(cwd, candidate.migrationsDir) || candidate.migrationsDir,
      });
  }

  // 4. Database stage.
  const blocked = findings.some((f) => f.level === 'error' && BLOCKS_APPLY.has(f.id));
  const url = options.databaseUrl;
  const dbRules: PreflightRuleId[] = [
    'migration-apply-failed',
    'migration-head-mismatch',
    'migration-not-idempotent',
  ];
  if (candidate.driver.driver === 'command')
    dbRules.push('migration-destructive-ddl', 'migration-multiple-heads', ...LEDGER_IDS);
  if (url === undefined || blocked) {
    const why =
      url === undefined
        ? 'no database (run with a database to check it)'
        : 'skipped: the migrations cannot be applied as they are';
    for (const id of dbRules) if (!ran.has(id)) skipped.set(id, why);
    if (url === undefined && candidate.driver.driver === 'command')
      findings.push(
        unchecked(candidate, cwd, 'preflight ran without a database, so the upgrade SQL was not produced'),
      );
  } else await timed('database', () => databaseStage(url));

  // Checks: one per rule, passed when it ran without an error finding.
  const failed = new Set(findings.filter((f) => f.level === 'error').map((f) => f.id));
  result.checks = PREFLIGHT_RULES.filter(
    (r) => r.id !== 'migration-lint' && r.id !== 'migration-destructive-ddl-unchecked',
  ).map((r): CheckResult => {
    const why = skipped.get(r.id);
    if (failed.has(r.id)) return { id: r.id, name: r.rationale, pass: false };
    if (ran.has(r.id)) return { id: r.id, name: r.rationale, pass: true };
    return { id: r.id, name: r.rationale, pass: true, skipped: true, message: why ?? 'not applicable' };
  });
  result.pass = !findings.some((f) => f.level === 'error') && ran.size > 0;
  return result;

  async function databaseStage(db: string): Promise<void> {
    if (base && !options.baseApplied) await timed('apply-base', () => driverFor(base).apply(db));
    const fromHeads = await driver.heads(db);

    const config = candidate.driver;
    if (config.driver === 'command') {
      ran.add('migration-destructive-ddl');
      const sql = await timed('lint', () =>
        commandSql(candidate.dir, config, fromHeads[0], db).catch(rethrowUnlessFailure),
      );
      if (sql === undefined) findings.push(unchecked(candidate, cwd, 'migrations.json has no `sql` command'));
      else if (sql instanceof MigrationFailure)
        findings.push({ ...unchecked(candidate, cwd, `the sql command failed: ${sql.detail}`) });
      else {
        const dir = await mkdtemp(join(tmpdir(), 'proofgate-sql-'));
        try {
          const file = join(dir, 'upgrade.sql');
          await writeFile(file, sql);
          const label = `${relative(cwd, join(candidate.dir, 'migrations.json'))} (sql command output)`;
          findings.push(...ledgerDataChanges(sql, ledgerTables, label));
          for (const id of LEDGER_IDS) ran.add(id);
          findings.push(
            ...destructiveDdlFindings(
              await runSquawk([file], pgMajor),
              candidate.artifact.class,
              cwd,
              () => label,
            ),
          );
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
    }

    ran.add('migration-apply-failed');
    let first;
    try {
      first = await timed('apply', () => driver.apply(db));
    } catch (e) {
      if (!(e instanceof MigrationFailure)) throw e;
      findings.push({
        id: 'migration-apply-failed',
        level: 'error',
        message: `the candidate's migrations fail to apply${base ? ` on top of ${base.artifact.version}` : ''}: ${e.detail}`,
        file: fileLabel(e.file),
      });
      for (const id of ['migration-head-mismatch', 'migration-not-idempotent'] as const)
        skipped.set(id, 'skipped: the migrations did not apply');
      return;
    }

    const heads = await driver.heads(db);
    result.heads = heads;
    ran.add('migration-multiple-heads');
    if (candidate.artifact.expected_alembic_head === null)
      skipped.set('migration-head-mismatch', 'release.json pins no head (expected_alembic_head is null)');
    else ran.add('migration-head-mismatch');
    if (heads.length > 1)
      findings.push({
        id: 'migration-multiple-heads',
        level: 'error',
        message: `after migrating the database is at ${heads.length} heads (${heads.join(', ')})`,
        file: fileLabel(undefined),
      });
    const expected = candidate.artifact.expected_alembic_head;
    if (expected !== null && !(heads.length === 1 && headMatches(heads[0]!, expected)))
      findings.push({
        id: 'migration-head-mismatch',
        level: 'error',
        message: `head after migrating is ${heads.length === 0 ? 'empty' : heads.join(', ')} but release.json expects ${expected}`,
        file: relative(cwd, join(candidate.dir, 'release.json')),
        pointer: '/expected_alembic_head',
      });

    ran.add('migration-not-idempotent');
    const before = await timed('digest', () => schemaDigest(db));
    result.schemaDigest = before.digest;
    try {
      await timed('apply-again', () => driver.applyAgain(db, first));
    } catch (e) {
      if (!(e instanceof MigrationFailure)) throw e;
      findings.push({
        id: 'migration-not-idempotent',
        level: 'error',
        message: `applying the migrations a second time fails: ${e.detail}`,
        file: fileLabel(e.file),
      });
      return;
    }
    const after = await schemaDigest(db);
    const headsAgain = await driver.heads(db);
    if (after.digest !== before.digest) {
      const { removed, added } = diffSchemaDigests(before, after);
      const sample = [...removed.map((l) => `- ${l}`), ...added.map((l) => `+ ${l}`)].slice(0, 5).join('; ');
      findings.push({
        id: 'migration-not-idempotent',
        level: 'error',
        message: `applying the migrations a second time changed the schema (${removed.length} removed, ${added.length} added: ${sample})`,
        file: fileLabel(first.applied.length === 1 ? first.applied[0]!.name : undefined),
      });
    }
    if (headsAgain.join(',') !== heads.join(','))
      findings.push({
        id: 'migration-not-idempotent',
        level: 'error',
        message: `applying the migrations a second time moved the head from ${heads.join(', ')} to ${headsAgain.join(', ')}`,
        file: fileLabel(undefined),
      });
  }

  function fileLabel(name: string | undefined): string {
    return relative(cwd, name === undefined ? candidate.migrationsDir : join(candidate.migrationsDir, name));
  }
}

function rethrowUnlessFailure(e: unknown): MigrationFailure {
  if (e instanceof MigrationFailure) return e;
  throw e;
}

function unchecked(candidate: MigrationRelease, cwd: string, why: string): Finding {
  return {
    id: 'migration-destructive-ddl-unchecked',
    level: 'error',
    message: `destructive DDL could not be checked: ${why}; configure \`sql\` (e.g. \`alembic upgrade $PROOFGATE_FROM_HEAD:head --sql\`) so squawk can lint the upgrade`,
    file: relative(cwd, join(candidate.dir, 'migrations.json')),
  };
}
