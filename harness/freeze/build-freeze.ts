import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { InputError } from '../errors/index.js';
import {
  BUNDLE_KEY,
  canonicalSnapshot,
  decodeUtf8,
  loadSpec,
  stackGuard,
  type LoadSpecOptions,
} from '../openapi/index.js';
import { sha256Hex } from '../report/index.js';
import { generateTypes } from './generate-types.js';
import { formatHashLine } from './hash-line.js';

/** The four files of a freeze, as text. */
export interface FreezeArtifacts {
  spec: string;
  snapshot: string;
  hash: string;
  types: string;
  snapshotSha256: string;
  version: '3.0' | '3.1';
}

/**
 * Builds the freeze of one spec: the spec itself (verbatim when it is one file; the bundled
 * document as YAML when it pulls in other files, so the frozen copy stands alone), its canonical
 * snapshot (A1's canonicalSnapshot), the snapshot's sha256 and the openapi-typescript types.
 */
export async function buildFreeze(specFile: string, options: LoadSpecOptions = {}): Promise<FreezeArtifacts> {
  const loaded = await loadSpec(specFile, options);
  let bytes: Buffer;
  try {
    bytes = await readFile(specFile);
  } catch (cause) {
    throw new InputError('ERR_INPUT', 'cannot read the spec', { file: specFile, cause });
  }
  // Strict: the frozen copy is the spec's exact bytes, never a lossy decoding of them.
  const source = decodeUtf8(bytes, specFile);
  const spec = BUNDLE_KEY in loaded.doc ? stringify(loaded.doc) : source;
  const snapshot = await stackGuard(specFile, 'the canonical snapshot', () => canonicalSnapshot(loaded.doc));
  const snapshotSha256 = sha256Hex(snapshot);
  return {
    spec,
    snapshot,
    hash: formatHashLine(snapshotSha256),
    types: await stackGuard(specFile, 'openapi-typescript', () => generateTypes(loaded.doc, specFile)),
    snapshotSha256,
    version: loaded.version,
  };
}
