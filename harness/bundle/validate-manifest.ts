import { InputError } from '../errors/index.js';
import { BUNDLE_FORMAT, type BundleManifest } from './types.js';

function fail(file: string, pointer: string, message: string): InputError {
  return new InputError('ERR_BUNDLE', message, {
    file,
    pointer,
    hint: `manifest.json is {"format":"${BUNDLE_FORMAT}","origin":"…","noteKeys":["…"]}`,
  });
}

export function validateManifest(file: string, v: unknown): BundleManifest {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw fail(file, '', 'must be a JSON object');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'format' && k !== 'origin' && k !== 'noteKeys') throw fail(file, `/${k}`, 'unknown member');
  }
  if (o.format !== BUNDLE_FORMAT) {
    throw fail(
      file,
      '/format',
      `unsupported bundle format ${JSON.stringify(o.format)}; this proofgate reads ${BUNDLE_FORMAT}`,
    );
  }
  if (typeof o.origin !== 'string' || o.origin === '' || o.origin.includes('\n')) {
    throw fail(file, '/origin', 'must be a non-empty one-line string');
  }
  if (!Array.isArray(o.noteKeys) || !o.noteKeys.every((k) => typeof k === 'string' && k !== '')) {
    throw fail(file, '/noteKeys', 'must be an array of note verifier keys (strings)');
  }
  return { format: BUNDLE_FORMAT, origin: o.origin, noteKeys: [...(o.noteKeys as string[])] };
}
