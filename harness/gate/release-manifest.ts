import { posix } from 'node:path';
import { findDuplicateKey } from '../openapi/duplicate-keys.js';

export const RELEASE_FOLDER_FORMAT = 'proofgate-release/1';

/** A release folder's manifest.json, as the gate writes it. */
export interface ReleaseManifest {
  verdict: 'PASS' | 'FAIL';
  digest: string;
  files: { path: string; sha256: string }[];
}

/**
 * Parses a release folder's manifest.json, or says why it is not one: not UTF-8 JSON, a member
 * named twice, another format, or a file entry that is not a plain relative path inside the folder
 * with a sha256 (a manifest never makes proofgate delete, or vouch for, anything elsewhere).
 */
export function parseReleaseManifest(bytes: Uint8Array): ReleaseManifest | { invalid: string } {
  let value: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { invalid: 'is not UTF-8 JSON' };
  }
  const dup = findDuplicateKey(text);
  if (dup !== undefined) return { invalid: `names the member ${JSON.stringify(dup.key)} twice` };
  const m = value as { format?: unknown; verdict?: unknown; digest?: unknown; files?: unknown };
  if (
    typeof m !== 'object' ||
    m === null ||
    m.format !== RELEASE_FOLDER_FORMAT ||
    (m.verdict !== 'PASS' && m.verdict !== 'FAIL') ||
    typeof m.digest !== 'string' ||
    !Array.isArray(m.files)
  )
    return { invalid: `is not a ${RELEASE_FOLDER_FORMAT} manifest` };
  for (const f of m.files as { path?: unknown; sha256?: unknown }[]) {
    const p = f?.path;
    if (
      typeof p !== 'string' ||
      p === '' ||
      p.includes('\\') ||
      posix.isAbsolute(p) ||
      posix.normalize(p) !== p ||
      p.split('/').includes('..')
    )
      return { invalid: `lists a path outside the folder (${JSON.stringify(p)})` };
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256))
      return { invalid: `lists ${JSON.stringify(p)} without a sha256` };
  }
  return m as ReleaseManifest;
}
