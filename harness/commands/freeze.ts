import { relative, resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import { parseCommandArgs, parseFormat, REPORT_OPTIONS, REPORT_OPTIONS_HELP } from '../cli/options.js';
import {
  buildFreeze,
  DEFAULT_FREEZE_DIR,
  DEFAULT_FREEZE_SPEC,
  FREEZE_FILES,
  writeFreeze,
} from '../freeze/index.js';
import { freezeConfig } from './freeze-config.js';

export const command: Command = {
  name: 'freeze',
  summary:
    'freeze an OpenAPI spec into contracts/vN: spec copy, canonical snapshot + sha256, openapi-typescript types',
  help: `Usage: proofgate freeze [--spec SPEC] [--out DIR] [--force] [report options]

Writes the frozen contract folder: ${FREEZE_FILES.spec} (the spec), ${FREEZE_FILES.snapshot} (bundled,
key-sorted JSON), ${FREEZE_FILES.hash} ("<hex>  ${FREEZE_FILES.snapshot}") and ${FREEZE_FILES.types}
(openapi-typescript, alphabetized). Deterministic: the same spec gives the same bytes.
A folder that already holds a frozen contract with another meaning is refused: changing v1 means
adding v2 (--out contracts/v2). --force overrides that, only for a version never released.

Options:
  --spec SPEC    the spec to freeze (config freeze.spec; default ${DEFAULT_FREEZE_SPEC})
  --out DIR      the version folder (config freeze.dir; default ${DEFAULT_FREEZE_DIR})
  --force        overwrite a freeze of a different contract

${REPORT_OPTIONS_HELP.split('\n')
  .filter((l) => !l.trimStart().startsWith('--out'))
  .join('\n')}

Exit codes: 0 written (or already identical) · 2 usage, unreadable or invalid spec, refused overwrite
Example: npx proofgate freeze --spec openapi.yaml --out contracts/v2`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('freeze', {
      args: argv,
      options: {
        ...REPORT_OPTIONS,
        spec: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean' },
      },
      allowPositionals: false,
    });
    const format = parseFormat(values.format);
    const conf = await freezeConfig(ctx, values.config);
    const spec = values.spec !== undefined ? resolve(ctx.cwd, values.spec) : conf.spec;
    // --out is the folder here (the report itself goes to stdout).
    const dir = values.out !== undefined ? resolve(ctx.cwd, values.out) : conf.dir;
    const artifacts = await buildFreeze(spec, conf.limits);
    const result = await writeFreeze(dir, artifacts, { force: values.force === true });
    const shown = relative(ctx.cwd, dir) || '.';
    return emitReport(
      {
        command: 'freeze',
        title: `Freeze: ${shown} ${result.written.length === 0 ? 'already up to date' : `written (${result.written.join(', ')})`}`,
        pass: true,
        body: {
          dir: shown,
          spec: relative(ctx.cwd, spec),
          openapi: artifacts.version,
          snapshotSha256: artifacts.snapshotSha256,
          written: result.written,
          unchanged: result.unchanged,
        },
        findings: [],
        notes: [
          `snapshot sha256 ${artifacts.snapshotSha256}`,
          'commit the folder; `proofgate verify-freeze` guards it',
        ],
      },
      { format, deterministic: values.deterministic },
      ctx,
    );
  },
};
