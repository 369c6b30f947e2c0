import { resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import { parseCommandArgs, parseFormat, REPORT_OPTIONS, requireFlag } from '../cli/options.js';
import { redactUrl } from '../db/redact.js';
import { ledgerOf } from '../config/ledger-section.js';
import { exportBundle } from '../ledger/export-bundle.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';
import { exportThroughMapping } from '../ledger/mapped/export-mapped.js';

// --out is the bundle folder here (as agreed for export); the report file is --report.
const { out: _reportOut, ...OPTIONS } = REPORT_OPTIONS;

export const command: Command = {
  name: 'export',
  summary: 'write one log of a Postgres ledger as a proof bundle (byte-exact, from one snapshot)',
  help: `Usage: proofgate export --database-url URL --out DIR [--origin ORIGIN] [report options]

Writes manifest.json, keys.jwks.json, records.jsonl and anchors.jsonl for one log, streamed from one
REPEATABLE READ snapshot (binary COPY, flat memory). export → import → export is byte-identical.

Options:
  --database-url URL    the ledger database (env: PROOFGATE_DATABASE_URL; config: database.url)
  --out DIR             the bundle folder to write (created; files replaced atomically)
  --origin ORIGIN       which log, when the ledger holds more than one
With config ledger.source (a team's own tables, docs/foreign-ledger.md) the log is read through the
mapping and the bundle's manifest carries ledger.profile.

Report options:
  --format FORMAT     text (default) | json | markdown | junit | github | sarif
  --report FILE       write the report to FILE (a one-line summary still goes to stdout)
  --deterministic     omit timings
  --config FILE       config file
  -h, --help          this help

Exit codes: 0 exported · 2 usage, database unreachable, no ledger or no such log (ERR_DATABASE).
Example: proofgate export --database-url postgres://me@localhost/ledger --out out/bundle`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('export', {
      args: argv,
      options: {
        ...OPTIONS,
        out: { type: 'string' },
        report: { type: 'string' },
        origin: { type: 'string' },
        'database-url': { type: 'string' },
      },
    });
    const format = parseFormat(values.format);
    const loaded = await ctx.config(values.config);
    const url = requireFlag(
      '--database-url',
      values['database-url'] ?? ctx.env.PROOFGATE_DATABASE_URL ?? loaded.config.database?.url,
      'name the ledger database, e.g. --database-url postgres://user@host:5432/ledger',
    );
    const dir = resolve(
      ctx.cwd,
      requireFlag('--out', values.out, 'name the bundle folder to write, e.g. --out out/bundle'),
    );
    assertOutputsAreNotInputs(
      ctx.cwd,
      [
        { flag: '--out', path: dir, dir: true },
        { flag: '--report', path: values.report },
      ],
      [(await ctx.config(values.config)).file],
    );
    // A team's own ledger (config ledger.source) is exported through its mapping, with its profile.
    const ledger = ledgerOf(loaded.config);
    const r =
      ledger.mapping !== undefined
        ? await exportThroughMapping(url, dir, ledger.mapping, ledger.profile)
        : await exportBundle(url, dir, values.origin === undefined ? {} : { origin: values.origin });
    return emitReport(
      {
        command: 'export',
        title: `Exported ${r.records} records, ${r.anchors} anchors and ${r.keys} keys of ${r.origin}`,
        pass: true,
        body: { origin: r.origin, records: r.records, anchors: r.anchors, keys: r.keys },
        findings: [],
        notes: [`from ${redactUrl(url)}`, `to ${values.out}`],
      },
      { format, out: values.report, deterministic: values.deterministic },
      ctx,
    );
  },
};
