import { InputError } from '../errors/index.js';
import { resolveProfile } from '../proofs/resolve-profile.js';
import { BUNDLE_FORMAT, type BundleManifest } from './types.js';

function fail(file: string, pointer: string, message: string): InputError {
  return new InputError('ERR_BUNDLE', message, {
    file,
    pointer,
    hint: `manifest.json is {"format":"${BUNDLE_FORMAT}","origin":"…","noteKeys":["…"]}`,
  });
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function validateManifest(file: string, v: unknown): BundleManifest {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw fail(file, '', 'must be a JSON object');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'format' && k !== 'origin' && k !== 'noteKeys' && k !== 'profile')
      throw fail(file, `/${k}`, 'unknown member');
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
  // A checkpoint's origin line is text: NUL (which PostgreSQL text cannot store) or another
  // control character is a damaged manifest, refused here rather than by the database.
  const control = (v: string) => CONTROL.exec(v);
  const bad = control(o.origin);
  if (bad) {
    throw fail(
      file,
      '/origin',
      `holds control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} at index ${bad.index}`,
    );
  }
  if (!Array.isArray(o.noteKeys) || !o.noteKeys.every((k) => typeof k === 'string' && k !== '')) {
    throw fail(file, '/noteKeys', 'must be an array of note verifier keys (strings)');
  }
  o.noteKeys.forEach((k: string, i) => {
    const c = control(k);
    if (c)
      throw fail(
        file,
        `/noteKeys/${i}`,
        `holds control character U+${c[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} at index ${c.index}`,
      );
  });
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    origin: o.origin,
    noteKeys: [...(o.noteKeys as string[])],
  };
  if (o.profile !== undefined) {
    // A foreign ledger's bundle says what its records are (docs/foreign-ledger.md).
    const r = resolveProfile(o.profile);
    if (!r.ok) throw fail(file, `/profile${r.pointer}`, `record profile: ${r.message}`);
    manifest.profile = r.profile;
  }
  return manifest;
}
