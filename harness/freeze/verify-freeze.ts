import { allInOrder } from '../all-in-order.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors/index.js';
import {
  canonicalSnapshot,
  decodeUtf8,
  loadSpec,
  stackGuard,
  type LoadSpecOptions,
} from '../openapi/index.js';
import { sha256Hex, type CheckResult, type Finding, type Report } from '../report/index.js';
import { FREEZE_FILES, V2_ADVICE, type FreezeFileKind } from './files.js';
import { generateTypes } from './generate-types.js';
import { parseHashLine } from './hash-line.js';

/** Stable ids of what `verify-freeze` can find drifted. */
export const FREEZE_DRIFT_IDS = {
  spec: 'freeze-spec-drift',
  snapshot: 'freeze-snapshot-drift',
  hash: 'freeze-hash-mismatch',
  types: 'freeze-types-drift',
  pin: 'freeze-pin-mismatch',
} as const;

export interface VerifyFreezeOptions extends LoadSpecOptions {
  /** Shown in the report instead of the absolute folder (keeps the report the same on every machine). */
  displayDir?: string;
  /** A sha256 the snapshot must have (config `freeze.sha256`): catches a re-freeze of all four files. */
  pinnedSha256?: string;
}

async function readFrozen(dir: string, kind: FreezeFileKind, display: string): Promise<string> {
  const file = join(dir, FREEZE_FILES[kind]);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      'ERR_INPUT',
      code === 'ENOENT' ? 'missing from the freeze' : `cannot read (${code})`,
      {
        file: `${display}/${FREEZE_FILES[kind]}`,
        hint: 'restore it from version control; `proofgate freeze` writes a new version folder',
      },
    );
  }
  // Strict: a byte edited into a frozen file must never decode to the same text as before.
  return decodeUtf8(bytes, `${display}/${FREEZE_FILES[kind]}`, 'ERR_INPUT');
}

/**
 * Checks that a frozen version folder is intact (DESIGN.md §1): the snapshot is the canonical form
 * of the spec, the sha256 file names the snapshot's hash, the types are what openapi-typescript
 * generates from the spec. Which file moved is inferred from which pair still agrees:
 * snapshot ≠ spec but hash = sha256(snapshot) → the spec was edited; hash = sha256(canonical spec)
 * → the snapshot was edited; otherwise both.
 */
export async function verifyFreeze(dir: string, options: VerifyFreezeOptions = {}): Promise<Report> {
  const display = options.displayDir ?? dir;
  const [snapshotFile, hashFile, typesFile] = await allInOrder([
    readFrozen(dir, 'snapshot', display),
    readFrozen(dir, 'hash', display),
    readFrozen(dir, 'types', display),
    readFrozen(dir, 'spec', display),
  ]);
  const loaded = await loadSpec(join(dir, FREEZE_FILES.spec), options);
  const specLabel = `${display}/${FREEZE_FILES.spec}`;
  const canonical = await stackGuard(specLabel, 'the canonical snapshot', () =>
    canonicalSnapshot(loaded.doc),
  );
  const canonicalSha = sha256Hex(canonical);
  const fileSha = sha256Hex(snapshotFile);
  const recorded = parseHashLine(hashFile);
  const findings: Finding[] = [];
  const at = (kind: FreezeFileKind) => `${display}/${FREEZE_FILES[kind]}`;
  const add = (id: string, kind: FreezeFileKind, message: string): void => {
    findings.push({ id, level: 'error', file: at(kind), message: `${message}; ${V2_ADVICE}` });
  };

  if (snapshotFile !== canonical) {
    if (recorded !== undefined && recorded === fileSha) {
      add(
        FREEZE_DRIFT_IDS.spec,
        'spec',
        `the frozen spec no longer matches its snapshot (spec sha256 ${canonicalSha}, frozen ${fileSha})`,
      );
    } else if (recorded !== undefined && recorded === canonicalSha) {
      add(
        FREEZE_DRIFT_IDS.snapshot,
        'snapshot',
        `the snapshot was edited: it is not the canonical form of the spec`,
      );
    } else {
      add(
        FREEZE_DRIFT_IDS.snapshot,
        'snapshot',
        `the snapshot is not the canonical form of the spec, and the recorded hash matches neither`,
      );
    }
  }
  if (recorded === undefined) {
    add(FREEZE_DRIFT_IDS.hash, 'hash', `not one line "<64 hex>  ${FREEZE_FILES.snapshot}"`);
  } else if (recorded !== fileSha && !(snapshotFile !== canonical && recorded === canonicalSha)) {
    add(FREEZE_DRIFT_IDS.hash, 'hash', `records ${recorded} but the snapshot's sha256 is ${fileSha}`);
  }
  const types = await stackGuard(specLabel, 'openapi-typescript', () => generateTypes(loaded.doc, specLabel));
  if (typesFile !== types) {
    add(
      FREEZE_DRIFT_IDS.types,
      'types',
      `differs from the openapi-typescript output for the frozen spec (line ${firstDifferentLine(typesFile, types)})`,
    );
  }
  if (options.pinnedSha256 !== undefined && options.pinnedSha256 !== canonicalSha) {
    add(
      FREEZE_DRIFT_IDS.pin,
      'snapshot',
      `the frozen contract's sha256 is ${canonicalSha} but the config pins ${options.pinnedSha256}`,
    );
  }

  const drifted = new Set(findings.map((f) => f.id));
  const checks: CheckResult[] = Object.values(FREEZE_DRIFT_IDS)
    .filter((id) => id !== FREEZE_DRIFT_IDS.pin || options.pinnedSha256 !== undefined)
    .map((id) => ({ id, name: id, pass: !drifted.has(id) }));
  const pass = findings.length === 0;
  return {
    command: 'verify-freeze',
    title: pass
      ? `Freeze check: ${display} is intact`
      : `Freeze check: ${display} drifted (${[...drifted].join(', ')})`,
    pass,
    body: {
      dir: display,
      openapi: loaded.version,
      snapshotSha256: canonicalSha,
      drift: [...drifted].sort(),
      findings,
    },
    findings,
    checks,
    notes: pass ? [`snapshot sha256 ${canonicalSha}`] : [V2_ADVICE],
  };
}

function firstDifferentLine(a: string, b: string): number {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) return i + 1;
  return 0;
}
