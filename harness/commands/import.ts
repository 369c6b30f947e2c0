import { resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import {
  parseCommandArgs,
  parseFormat,
  parsePositiveInt,
  REPORT_OPTIONS,
  REPORT_OPTIONS_HELP,
  requireFlag,
} from '../cli/options.js';
import { redactUrl } from '../db/redact.js';
import { BUNDLE_FILES } from '../bundle/index.js';
import { importBundle } from '../ledger/import-bundle.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';

export const command: Command = {
  name: 'import',
  summary: 'load a proof bundle into a Postgres ledger (schema applied if absent; append-only)',
  help: `Usage: proofgate import --bundle DIR --database-url URL [report options]

Loads manifest.json, keys.jwks.json, records.jsonl and anchors.jsonl into the ledger tables of the
database at URL, in one transaction (records and anchors with COPY). The ledger schema is applied
first if absent. The log must not exist there yet: the ledger is append-only and an import never
merges into or rewrites history. The bundle is validated strictly (file:line in errors).

Options:
  --bundle DIR          the bundle folder (config: proofs.bundle)
  --database-url URL    the target database, used as is (env: PROOFGATE_DATABASE_URL; config: database.url)
  --lock-timeout MS     how long to wait for a table or the ledger schema lock held by another session
                        (default 10000; config database.lockTimeoutMs); then exit 2 naming it
  --statement-timeout MS  how long one statement other than the COPYs may run (default 120000;
                        config database.statementTimeoutMs)

${REPORT_OPTIONS_HELP}

Exit codes: 0 imported · 2 usage, malformed bundle (ERR_BUNDLE), database unreachable or the log
already present (ERR_DATABASE), schema not applicable (ERR_MIGRATION).
Example: proofgate import --bundle fixtures/history/small --database-url postgres://me@localhost/ledger`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('import', {
      args: argv,
      options: {
        ...REPORT_OPTIONS,
        bundle: { type: 'string' },
        'database-url': { type: 'string' },
        'lock-timeout': { type: 'string' },
        'statement-timeout': { type: 'string' },
      },
    });
    const format = parseFormat(values.format);
    const loaded = await ctx.config(values.config);
    const bundle =
      values.bundle !== undefined
        ? resolve(ctx.cwd, values.bundle)
        : loaded.config.proofs?.bundle !== undefined
          ? resolve(loaded.dir, loaded.config.proofs.bundle)
          : undefined;
    const dir = requireFlag('--bundle', bundle, 'name the bundle folder, e.g. --bundle out/bundle');
    const url = requireFlag(
      '--database-url',
      values['database-url'] ?? ctx.env.PROOFGATE_DATABASE_URL ?? loaded.config.database?.url,
      'name the target database, e.g. --database-url postgres://user@host:5432/ledger',
    );
    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [{ dir, files: Object.values(BUNDLE_FILES) }, loaded.file],
    );
    const db = loaded.config.database ?? {};
    const r = await importBundle(dir, url, {
      lockTimeoutMs: parsePositiveInt('--lock-timeout', values['lock-timeout']) ?? db.lockTimeoutMs,
      statementTimeoutMs:
        parsePositiveInt('--statement-timeout', values['statement-timeout']) ?? db.statementTimeoutMs,
    });
    return emitReport(
      {
        command: 'import',
        title: `Imported ${r.records} records, ${r.anchors} anchors and ${r.keys} new keys of ${r.origin}`,
        pass: true,
        body: { origin: r.origin, records: r.records, anchors: r.anchors, keys: r.keys },
        findings: [],
        notes: [`from ${values.bundle ?? dir}`, `into ${redactUrl(url)}`],
      },
      { format, out: values.out, deterministic: values.deterministic },
      ctx,
    );
  },
};
