/** The files of a frozen contract version folder (contracts/vN), in report order. */
export const FREEZE_FILES = {
  spec: 'openapi.yaml',
  snapshot: 'openapi.snapshot.json',
  hash: 'openapi.snapshot.sha256',
  types: 'types.ts',
} as const;

export type FreezeFileKind = keyof typeof FREEZE_FILES;

/** Default locations, relative to the working folder. */
export const DEFAULT_FREEZE_SPEC = 'openapi.yaml';
export const DEFAULT_FREEZE_DIR = 'contracts/v1';

/** Told to the user whenever a frozen version differs: a frozen version is never edited. */
export const V2_ADVICE =
  'a frozen API version never changes: changing v1 means adding v2 (proofgate freeze --spec <new spec> --out contracts/v2) and keeping contracts/v1 exactly as it is';
