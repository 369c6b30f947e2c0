import { UsageError } from '../errors/index.js';
import type { Report } from '../report/types.js';
import { runRails } from '../rails/run-rails.js';
import { supertestClient } from './client.js';
import { resolveApp } from './resolve-app.js';
import { describeSeeds, runSeeds } from './run-seed.js';
import { DEFAULT_SEED, runConformance } from './run-conformance.js';
import { conformanceReport } from './to-report.js';
import type { ConventionsConfig } from './conventions/types.js';
import type { ConformanceSubject, Json } from './types.js';

export interface CheckSubjectOptions {
  doc: Json;
  version: '3.0' | '3.1';
  /** Shown in the report (the spec path as the user gave it). */
  spec: string;
  seed?: number;
  runs?: number;
  /** Also run the property rails (needs mintToken, scopes and two tenants). */
  rails?: boolean;
  /** Run only the checks (false) or only the rails; default both when rails is set. */
  checks?: boolean;
  /** `conformance.conventions` from the config. */
  conventions?: ConventionsConfig;
  /** How long the subject's seed hook may take per tenant (default 60 s, like the app factory). */
  seedTimeoutMs?: number;
}

export const DEFAULT_SEED_TIMEOUT_MS = 60_000;

/** Conformance (and optionally the rails) against one subject → the report. The caller closes the subject. */
export async function checkSubject(
  subject: ConformanceSubject,
  options: CheckSubjectOptions,
): Promise<Report> {
  const target = subject.app ?? subject.baseUrl;
  if (target === undefined) throw new UsageError('the subject has neither an app nor a baseUrl');
  const describe = subject.describe ?? (subject.baseUrl !== undefined ? subject.baseUrl : 'app factory');
  const client = supertestClient(
    typeof target === 'string' ? target : await resolveApp(target, describe),
    describe,
  );
  const { mintToken, scopes, tenants } = subject;
  // Usage problems first: nothing is sent when the run could not complete anyway.
  if (
    options.rails &&
    (mintToken === undefined || scopes === undefined || tenants === undefined || tenants.length < 2)
  ) {
    throw new UsageError(
      '--rails needs a subject that can mint tokens (mintToken), its scopes and two tenants',
      {
        hint: 'export them from your app factory module (docs/conformance.md), or run without --rails',
      },
    );
  }
  const seed = options.seed ?? DEFAULT_SEED;
  // Fixtures the API cannot create, once per tenant, before any stateful data.
  const seeded = await runSeeds(subject, client, options.doc, {
    timeoutMs: options.seedTimeoutMs ?? DEFAULT_SEED_TIMEOUT_MS,
  });
  const tenantA = tenants?.[0];
  const seededA = tenantA === undefined ? undefined : seeded[tenantA];
  const result =
    options.checks === false
      ? {
          operations: [],
          requests: 0,
          violations: [],
          evaluated: {},
          skipped: {},
          seed,
          runs: options.runs ?? 0,
        }
      : await runConformance({
          doc: options.doc,
          version: options.version,
          client,
          token: subject.token,
          seed,
          ...(options.runs !== undefined ? { runs: options.runs } : {}),
          ...(options.conventions !== undefined ? { conventions: options.conventions } : {}),
          ...(seededA !== undefined ? { seeded: seededA } : {}),
        });
  const seedLine = describeSeeds(seeded);
  if (seedLine !== undefined) result.conventions = [...(result.conventions ?? []), seedLine];
  const rails =
    options.rails && mintToken && scopes && tenants
      ? await runRails({
          doc: options.doc,
          version: options.version,
          client,
          mintToken,
          scopes,
          tenants: [tenants[0]!, tenants[1]!],
          ...(subject.requiredScopes !== undefined ? { requiredScopes: subject.requiredScopes } : {}),
          seed,
          numRuns: Math.max(4, Math.min(options.runs ?? 12, 25)),
          ...(options.conventions !== undefined ? { conventions: options.conventions } : {}),
          seeded,
        })
      : undefined;
  return conformanceReport(result, { spec: options.spec, target: describe, ...(rails ? { rails } : {}) });
}
