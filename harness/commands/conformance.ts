import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command, CliContext } from '../cli/context.js';
import { runUserCode } from '../cli/user-code.js';
import { emitReport } from '../cli/emit.js';
import {
  parseCommandArgs,
  parseFormat,
  parsePositiveInt,
  REPORT_OPTIONS,
  REPORT_OPTIONS_HELP,
} from '../cli/options.js';
import { checkSubject } from '../conformance/check-subject.js';
import { CHECKS } from '../conformance/check-ids.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../conformance/run-conformance.js';

/** How long an app factory may take to give its app (config: conformance.appTimeoutMs). */
const DEFAULT_APP_TIMEOUT_MS = 60_000;
import type { ConformanceSubject } from '../conformance/types.js';
import { ConfigError, InfraError, InputError, UsageError } from '../errors/index.js';
import { loadSpec } from '../openapi/index.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';
import { isProofgateRepository } from './reference-service.js';
import { parseConventionsConfig, type ConventionsConfig } from '../config/conformance-conventions.js';

const DEFAULT_SPEC = 'contracts/v1/openapi.yaml';

export const command: Command = {
  name: 'conformance',
  summary:
    'run every operation of the frozen contract against the service: schemas, errors, pagination, idempotency, signatures (+ --rails)',
  help: `Usage: proofgate conformance [--spec FILE] [--app MODULE[#EXPORT] | --base-url URL --token TOKEN]
                             [--runs N] [--seed N] [--rails] [report options]

Sends the spec's examples plus fast-check-generated valid and invalid inputs (fixed seed) to every
operation and checks each answer. The service is your app factory (--app, config conformance.app) or
a running service (--base-url, config conformance.baseUrl); without either it is exit 2 saying so.
(In proofgate's own repository the default is its reference service on a fresh Postgres.)
In prod-gate, a repository without a service configures gate.stages.conformance and .rails as not
applicable.

Config (proofgate.config.*): conformance.{spec, app, baseUrl, runs, conventions}; flags override it.
Conventions (error identity, idempotency header, pagination, signature scheme, key set, references,
not-applicable checks) are inferred from the contract and printed in the report; override them in
conformance.conventions or the contract's x-proofgate-conventions (docs/conformance.md).

Options:
  --spec FILE         the frozen contract (default ${DEFAULT_SPEC})
  --app MODULE[#EXP]  a JS module whose export (default: default) is an app factory
                      \`async () => ({ app, token, scopes?, tenants?, mintToken?, requiredScopes?, close? })\`
                      (app: a node:http request listener or server; or baseUrl instead of app)
  --base-url URL      a running service (e.g. staging); token from --token or PROOFGATE_TOKEN
  --token TOKEN       bearer token with every scope for --base-url
  --runs N            generated valid inputs per operation (default ${DEFAULT_RUNS})
  --seed N            fast-check seed (default ${DEFAULT_SEED}; failures print theirs)
  --rails             also run the property rails (needs an app factory that can mint tokens)
  --rails-only        run only the property rails
  --variant NAME      run a seeded broken variant of the reference service (fixtures/variants)
  --database-url URL  Postgres for the reference service (default: the provider chain)

Checks and rails (ids):
${CHECKS.map((c) => `  ${c.id.padEnd(29)} ${c.name}`).join('\n')}

${REPORT_OPTIONS_HELP}

Exit codes: 0 every check passed · 1 a violation (each one an error finding with method, path and id)
            · 2 usage, spec or infrastructure error (the service could not be started or reached)
Examples:
  npx proofgate conformance --rails
  npx proofgate conformance --app ./dist/test/conformance-subject.js#createSubject --format junit --out conformance.xml
  PROOFGATE_TOKEN=… npx proofgate conformance --base-url http://127.0.0.1:8080`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('conformance', {
      args: argv,
      options: {
        ...REPORT_OPTIONS,
        spec: { type: 'string' },
        app: { type: 'string' },
        'base-url': { type: 'string' },
        token: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        rails: { type: 'boolean' },
        'rails-only': { type: 'boolean' },
        variant: { type: 'string' },
        'database-url': { type: 'string' },
      },
      allowPositionals: false,
    });
    const format = parseFormat(values.format);
    // Flags override the config's `conformance` section; its paths are relative to the config file.
    const loaded = await ctx.config(values.config);
    const conf = loaded.config.conformance ?? {};
    const fromConfig = (p: string | undefined): string | undefined =>
      p === undefined ? undefined : resolve(loaded.dir, p);
    const runs = parsePositiveInt('--runs', values.runs) ?? conf.runs ?? DEFAULT_RUNS;
    if (values.seed !== undefined && !/^-?[0-9]+$/.test(values.seed))
      throw new UsageError(`--seed takes a whole number, not ${JSON.stringify(values.seed)}`);
    const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
    if (values.app !== undefined && values['base-url'] !== undefined)
      throw new UsageError('use --app or --base-url, not both');
    if (values.variant !== undefined && (values.app !== undefined || values['base-url'] !== undefined))
      throw new UsageError(
        '--variant applies to the built-in reference service only (no --app / --base-url)',
      );
    if (values.app === undefined && values['base-url'] === undefined && values.variant === undefined) {
      values.app = fromConfig(conf.app);
      if (values.app === undefined) values['base-url'] = conf.baseUrl;
    }

    const specFile =
      values.spec !== undefined
        ? resolve(ctx.cwd, values.spec)
        : (fromConfig(conf.spec) ?? resolve(ctx.cwd, DEFAULT_SPEC));
    if (!existsSync(specFile)) {
      throw new InputError('ERR_INPUT', 'spec not found', {
        file: specFile,
        hint: 'pass --spec FILE (the frozen contract, e.g. contracts/v1/openapi.yaml)',
      });
    }
    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [specFile, values.app?.replace(/#[^#]*$/, ''), loaded.file],
    );
    const spec = await loadSpec(specFile);
    // conformance.conventions passed the config schema; the contract's own extension is checked here.
    const conventions = conf.conventions as ConventionsConfig | undefined;
    parseConventionsConfig(spec.doc['x-proofgate-conventions'], `${specFile}#/x-proofgate-conventions`);
    const subject = await openSubject(values, ctx, conf.appTimeoutMs ?? DEFAULT_APP_TIMEOUT_MS, loaded.dir);
    try {
      const report = await checkSubject(subject, {
        doc: spec.doc,
        version: spec.version,
        spec: relative(ctx.cwd, specFile) || specFile,
        seed,
        runs,
        rails: values.rails === true || values['rails-only'] === true,
        checks: values['rails-only'] !== true,
        ...(conventions !== undefined ? { conventions } : {}),
        seedTimeoutMs: conf.appTimeoutMs ?? DEFAULT_APP_TIMEOUT_MS,
      });
      return await emitReport(report, { format, out: values.out, deterministic: values.deterministic }, ctx);
    } finally {
      await subject.close?.();
    }
  },
};

async function openSubject(
  values: {
    app?: string | undefined;
    'base-url'?: string | undefined;
    token?: string | undefined;
    variant?: string | undefined;
    'database-url'?: string | undefined;
  },
  ctx: CliContext,
  appTimeoutMs: number,
  configDir: string,
): Promise<ConformanceSubject> {
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new UsageError(`--base-url ${JSON.stringify(baseUrl)} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UsageError('--base-url must be http(s)://');
    const token = values.token ?? ctx.env.PROOFGATE_TOKEN;
    if (token === undefined || token === '') {
      throw new UsageError('--base-url needs a bearer token with every scope', {
        hint: 'pass --token TOKEN or set PROOFGATE_TOKEN',
      });
    }
    return { baseUrl: baseUrl.replace(/\/+$/, ''), token, describe: baseUrl.replace(/\/+$/, '') };
  }
  if (values.app !== undefined) return loadAppModule(values.app, ctx, appTimeoutMs);
  const ownRepository = isProofgateRepository(ctx.cwd, configDir);
  if (!ownRepository && values.variant !== undefined)
    throw new UsageError(
      "--variant runs proofgate's reference service, which exists only in proofgate's repository",
    );
  if (!ownRepository)
    throw new ConfigError('conformance needs your service: no app factory and no base URL is configured', {
      hint: "set conformance.app ('path/to/app.js#export', an app factory) or conformance.baseUrl in proofgate.config, or pass --app / --base-url; in prod-gate, a repository without a service sets gate.stages.conformance and gate.stages.rails as not applicable",
    });
  const { referenceSubject } = await import('../../fixtures/variants/reference-subject.js');
  const databaseUrl = values['database-url'] ?? ctx.env.PROOFGATE_DATABASE_URL;
  return referenceSubject({
    ...(values.variant !== undefined ? { variant: values.variant } : {}),
    postgres: { log: () => undefined, ...(databaseUrl ? { databaseUrl } : {}), env: ctx.env },
  });
}

/** `--app path/to/module.js#export`: the export is a subject or a (possibly async) function returning one. */
async function loadAppModule(spec: string, ctx: CliContext, timeoutMs: number): Promise<ConformanceSubject> {
  const hash = spec.lastIndexOf('#');
  const file = resolve(ctx.cwd, hash > 0 ? spec.slice(0, hash) : spec);
  const name = hash > 0 ? spec.slice(hash + 1) : 'default';
  if (!existsSync(file))
    throw new InputError('ERR_INPUT', 'app module not found', {
      file,
      hint: 'pass --app path/to/module.js[#export]',
    });
  // The module and its factory are user code: they may not exit the process (the run would end
  // with their exit code, e.g. 0), and a factory that never gives its app is an error, not a hang.
  const serviceError = (message: string, cause?: unknown) =>
    new InfraError('ERR_SERVICE', message, {
      ...(cause === undefined ? {} : { cause }),
      hint: 'the app module must export (or its factory resolve to) { app | baseUrl, token } and never exit the process; Node cannot import .ts',
    });
  const mod = await runUserCode(() => import(pathToFileURL(file).href) as Promise<Record<string, unknown>>, {
    what: `app module ${file}`,
    kind: 'load',
    error: serviceError,
  });
  const exported = mod[name];
  if (exported === undefined) {
    throw new UsageError(`${file} has no export ${JSON.stringify(name)}`, {
      hint: `exports: ${Object.keys(mod).sort().join(', ') || '(none)'}`,
    });
  }
  const subject = (
    typeof exported === 'function'
      ? await runUserCode(() => (exported as () => unknown)(), {
          what: `app factory ${file}#${name}`,
          error: serviceError,
          timeoutMs,
        })
      : exported
  ) as ConformanceSubject | undefined;
  if (
    subject === null ||
    typeof subject !== 'object' ||
    (subject.app === undefined && subject.baseUrl === undefined) ||
    typeof subject.token !== 'string'
  ) {
    throw new UsageError(
      `${file}#${name} must give { app | baseUrl, token, … } (see proofgate conformance --help)`,
    );
  }
  return subject;
}
