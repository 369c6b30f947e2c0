import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import {
  REPORT_OPTIONS,
  REPORT_OPTIONS_HELP,
  parseCommandArgs,
  parseFormat,
  parsePositiveInt,
} from '../cli/options.js';
import { UsageError } from '../errors/index.js';
import { BUNDLE_FILES } from '../bundle/index.js';
import { ed25519EngineInfo, noteEd25519Engine } from '../ed25519/index.js';
import { writeFileAtomic } from '../report/index.js';
import { ledgerOf } from '../config/ledger-section.js';
import { bundleSource, databaseSource, parseShard, verifyLog, type LogSource } from '../verify/index.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';
import { mappedDatabaseSource } from '../verify/mapped-source.js';
import { MAX_WORKERS, WorkerPool } from '../verify/worker-pool.js';

const HELP = `proofgate verify-proofs: re-verify every signed record, the hash chain and every anchor of a log

Usage:
  proofgate verify-proofs --bundle DIR [options]
  proofgate verify-proofs --database-url URL [--origin ORIGIN] [options]

Checks (formats: docs/trust-formats.md): each compact JWS under its bound key with the strict header policy and the
key's one algorithm; signing time inside the key's validity; seq/prev chain without gaps;
every anchor's note signature and its root recomputed from the records. PASS needs at least one
record and no failure of any kind.

Options:
  --bundle DIR          an offline bundle (manifest.json, keys.jwks.json, records.jsonl, anchors.jsonl)
  --database-url URL    a ledger database (read only); also PROOFGATE_DATABASE_URL
  --origin ORIGIN       the log to verify when the ledger holds more than one
  --schema NAME         schema of the ledger tables (default public; config database.schema).
                        Every name is schema-qualified, and the whole run reads one READ ONLY,
                        REPEATABLE READ snapshot.
  --lock-timeout MS     give up (exit 2) when a ledger table stays locked this long (default 10000)
  --statement-timeout MS  longest metadata query (default 120000)
                        A team's own tables and record profile: config \`ledger\` (docs/foreign-ledger.md).
  --note-key VKEY       trust only these C2SP note keys for anchors (repeatable; default: the log's own)
  --workers N           verification threads (default: one per core)
  --shard K/N           verify only shard K of N (0-based) and write a shard report for \`proofgate merge\`

${REPORT_OPTIONS_HELP}

Exit codes: 0 PASS · 1 FAIL (a record, chain, anchor or key problem) · 2 usage or infrastructure error.
Example:
  proofgate verify-proofs --bundle fixtures/history/small --format json --out verify.json
`;

export const command: Command = {
  name: 'verify-proofs',
  summary: 'verify every signed record, the chain and the anchors of a log (bundle or database)',
  help: HELP,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('verify-proofs', {
      args: argv,
      options: {
        ...REPORT_OPTIONS,
        bundle: { type: 'string' },
        'database-url': { type: 'string' },
        origin: { type: 'string' },
        schema: { type: 'string' },
        'lock-timeout': { type: 'string' },
        'statement-timeout': { type: 'string' },
        'note-key': { type: 'string', multiple: true },
        workers: { type: 'string' },
        shard: { type: 'string' },
      },
    });
    const { config, dir } = await ctx.config(values.config);
    const bundle =
      values.bundle ?? (values['database-url'] === undefined ? config.proofs?.bundle : undefined);
    const url =
      values['database-url'] ??
      (bundle === undefined ? ctx.env.PROOFGATE_DATABASE_URL || config.database?.url : undefined);
    if ((bundle === undefined) === (url === undefined)) {
      throw new UsageError('give exactly one of --bundle DIR or --database-url URL', {
        hint: 'run `proofgate verify-proofs --help`',
      });
    }
    const format = parseFormat(values.format);
    const shard = parseShard(values.shard);
    const workers =
      parsePositiveInt('--workers', values.workers, MAX_WORKERS) ??
      config.proofs?.workers ??
      Math.min(availableParallelism(), MAX_WORKERS);
    const ledger = ledgerOf(config);
    if (
      ledger.mapping !== undefined &&
      values.origin !== undefined &&
      values.origin !== ledger.mapping.origin
    ) {
      throw new UsageError(
        `--origin ${values.origin} is not ledger.source.origin (${ledger.mapping.origin})`,
        {
          hint: 'a mapped ledger holds one log: drop --origin or fix ledger.source.origin',
        },
      );
    }
    const bundleDir =
      bundle === undefined ? undefined : resolve(values.bundle !== undefined ? ctx.cwd : dir, bundle);
    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [
        bundleDir === undefined ? undefined : { dir: bundleDir, files: Object.values(BUNDLE_FILES) },
        (await ctx.config(values.config)).file,
      ],
    );
    const timeouts = {
      lockTimeoutMs:
        parsePositiveInt('--lock-timeout', values['lock-timeout']) ?? config.database?.lockTimeoutMs,
      statementTimeoutMs:
        parsePositiveInt('--statement-timeout', values['statement-timeout']) ??
        config.database?.statementTimeoutMs,
    };
    // The verification threads start first: their start-up (~0.1 s of module loading each)
    // overlaps opening the source and checking its keys and anchors instead of following them.
    const pool = new WorkerPool(workers);
    let source: LogSource | undefined;
    try {
      source =
        bundle !== undefined
          ? await bundleSource(bundleDir as string)
          : ledger.mapping !== undefined
            ? await mappedDatabaseSource(url as string, ledger.mapping, ledger.profile, timeouts)
            : await databaseSource(url as string, {
                origin: values.origin,
                schema: values.schema ?? config.database?.schema,
                ...timeouts,
              });
      noteEd25519Engine((line) => ctx.stderr.write(line));
      const started = performance.now();
      const { state, report } = await verifyLog(source, {
        shard,
        pool,
        ...(ledger.profile ? { profile: ledger.profile } : {}),
        ...(values['note-key'] ? { noteKeys: values['note-key'] } : {}),
      });
      if (report === undefined) {
        // A shard report is an intermediate: JSON for `proofgate merge`, whatever --format says.
        const text = `${JSON.stringify(state, null, 2)}\n`;
        if (values.out !== undefined) await writeFileAtomic(resolve(ctx.cwd, values.out), text);
        else ctx.stdout.write(text);
        const bad =
          Object.entries(state.counts).some(([k, v]) => k !== 'ok' && (v as number) > 0) ||
          state.extraCount > 0;
        ctx.stderr.write(
          `shard ${shard.index}/${shard.count}: seqs ${state.range.begin}..${state.range.end - 1}, ${state.rows} rows${bad ? ', failures found' : ''}; merge all shards for the verdict\n`,
        );
        return bad || (state.head !== null && state.head.outcome !== 'ok') ? 1 : 0;
      }
      report.timings = { verifyMs: Math.round(performance.now() - started) };
      report.engine = ed25519EngineInfo();
      return await emitReport(report, { format, out: values.out, deterministic: values.deterministic }, ctx);
    } finally {
      await source?.close();
      await pool.close();
    }
  },
};
