import { resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import { parseCommandArgs, parsePositiveInt, requireFlag } from '../cli/options.js';
import { UsageError } from '../errors/index.js';
import { DEFAULT_ORIGIN, DEFAULT_ROTATION, generateHistory, rotationKeys } from '../history/index.js';
import { SIGNING_ALGS, type SigningAlg } from '../proofs/index.js';

export const command: Command = {
  name: 'generate-history',
  summary:
    'write a deterministic signed history bundle (EdDSA + ES256 keys with rotation, anchors) for tests and benches',
  help: `Usage: proofgate generate-history --out DIR --records N --seed S [--anchor-every M] [--origin ORIGIN] [--algs LIST] [--format text|json]

Writes a proof bundle (manifest.json, keys.jwks.json, records.jsonl, anchors.jsonl) whose every
byte follows from the seed: records signed by three keys in turn (EdDSA, then ES256 with
RFC 6979 deterministic nonces, then EdDSA; the first key revoked after its window), each record
chained to the previous one's leaf hash, and a C2SP checkpoint signed by a seeded Ed25519 note
key every M records. Records stream to disk, so N can be large (benchmarks).

Options:
  --out DIR            bundle folder (created; its bundle files are replaced)
  --records N          number of records (≥ 1)
  --seed S             any string; the same seed gives byte-identical bundles
  --anchor-every M     a signed checkpoint after every M records (default 1000; 0 = none)
  --origin ORIGIN      log origin (default ${DEFAULT_ORIGIN})
  --algs LIST          the keys' algorithms in rotation order, equal windows, the first revoked
                       after its window (default ${DEFAULT_ROTATION.join(',')}). ES256 signing is
                       pure JS (RFC 6979) and ~10× slower to generate: use --algs EdDSA for
                       very large benchmark histories
  --format FORMAT      text (default) | json: the summary (origin, counts, key-binding digest, roots)
  -h, --help           this help

Exit codes: 0 written · 2 usage error or the folder could not be written
Example: npx proofgate generate-history --out /tmp/history --records 100000 --seed bench --anchor-every 10000`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('generate-history', {
      args: argv,
      options: {
        out: { type: 'string' },
        records: { type: 'string' },
        seed: { type: 'string' },
        'anchor-every': { type: 'string' },
        origin: { type: 'string' },
        algs: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    });
    const out = resolve(ctx.cwd, requireFlag('--out', values.out, 'name the bundle folder to write'));
    const records = requireFlag('--records', parsePositiveInt('--records', values.records));
    const seed = requireFlag('--seed', values.seed, 'any string; the same seed gives the same bundle');
    const every = values['anchor-every'];
    if (every !== undefined && !/^(0|[1-9][0-9]*)$/.test(every)) {
      throw new UsageError(`--anchor-every takes a whole number ≥ 0, not ${JSON.stringify(every)}`);
    }
    const algs = (values.algs ?? DEFAULT_ROTATION.join(',')).split(',');
    const unknown = algs.find((a) => !(SIGNING_ALGS as readonly string[]).includes(a));
    if (unknown !== undefined) {
      throw new UsageError(
        `--algs takes a comma-separated list of ${SIGNING_ALGS.join(', ')}, not ${JSON.stringify(unknown)}`,
      );
    }
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError('--format takes text or json');
    const g = await generateHistory({
      out,
      records,
      seed,
      anchorEvery: every === undefined ? 1000 : Number(every),
      keys: rotationKeys(records, algs as SigningAlg[]),
      ...(values.origin === undefined ? {} : { origin: values.origin }),
    });
    const body = {
      out: g.out,
      origin: g.origin,
      records: g.records,
      anchors: g.anchors,
      keys: g.keys.map((k) => ({
        kid: k.kid,
        alg: k.alg,
        valid_from: k.valid_from,
        valid_until: k.valid_until,
        revoked_at: k.revoked_at,
      })),
      noteKeys: g.noteKeys,
      keyBindingDigest: g.keyBindingDigest,
      roots: g.roots,
    };
    return emitReport(
      {
        command: 'generate-history',
        title: `generated ${g.records} records, ${g.anchors} anchors, ${g.keys.length} keys in ${g.out}`,
        pass: true,
        body,
        findings: [],
        notes: [
          `origin ${g.origin}`,
          `note key ${g.noteKeys[0] ?? ''}`,
          `key-binding digest ${g.keyBindingDigest}`,
        ],
      },
      { format, deterministic: true },
      ctx,
    );
  },
};
