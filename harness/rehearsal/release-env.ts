import type { ReleaseJson } from '../migrations/index.js';

/**
 * The release artifact as the environment the service reads it from (harness/release
 * `readArtifact`: the seed runbook's variable names). The service logs what it read in its startup
 * event, and the rehearsal compares that with release.json field by field.
 */
export function releaseEnv(artifact: ReleaseJson): Record<string, string> {
  return {
    VERSION_HASH: artifact.code_sha,
    ...(artifact.expected_alembic_head === null
      ? {}
      : { EXPECTED_ALEMBIC_HEAD: artifact.expected_alembic_head }),
    RELEASE_SUPPORTED_API_VERSIONS: artifact.supported_api_versions.join(','),
    RELEASE_FEATURE_FLAGS: artifact.enabled_feature_flags.join(','),
    SIGNING_MODE: artifact.signing_mode,
    SIGNING_REQUIRED: String(artifact.signing_required),
  };
}

/** The release.json fields the startup event must carry, with equal values. */
export const RELEASE_FIELDS = [
  'code_sha',
  'expected_alembic_head',
  'supported_api_versions',
  'enabled_feature_flags',
  'signing_mode',
  'signing_required',
] as const;

/**
 * Fields of the artifact whose value in the startup event differs (lists compared as sets: the
 * service may sort them). Empty when every field matches.
 */
export function releaseMismatches(
  artifact: ReleaseJson,
  logged: unknown,
): { field: string; want: unknown; got: unknown }[] {
  const event = typeof logged === 'object' && logged !== null ? (logged as Record<string, unknown>) : {};
  const out: { field: string; want: unknown; got: unknown }[] = [];
  for (const field of RELEASE_FIELDS) {
    const want = artifact[field];
    const got = event[field];
    const same = Array.isArray(want)
      ? Array.isArray(got) &&
        got.length === want.length &&
        [...got].map(String).sort().join('\u0000') === [...want].sort().join('\u0000')
      : got === want;
    if (!same) out.push({ field, want, got: got === undefined ? null : got });
  }
  return out;
}
