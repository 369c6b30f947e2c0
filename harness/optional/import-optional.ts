import { InfraError } from '../errors/index.js';

/** An optional package a feature needs, and how a team installs it. */
export interface OptionalPackage {
  /** The module specifier imported (`vitest/node`, `@testcontainers/postgresql`). */
  specifier: string;
  /** What needs it, for the message: "the proof runner", "Testcontainers Postgres". */
  feature: string;
  /** The install command to print. */
  install: string;
}

/** True for "this package is not installed" (not for an error thrown while loading it). */
export function isMissingModule(e: unknown, specifier: string): boolean {
  const err = e as { code?: string; message?: string };
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' && err?.code !== 'MODULE_NOT_FOUND') return false;
  const root = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0]!;
  return typeof err.message === 'string' && err.message.includes(`'${root}`);
}

/**
 * Imports a package proofgate lists as an optional peer (vitest, testcontainers): loaded only when
 * a feature uses it, and a clear "install X" error (exit 2) when the team has not installed it.
 */
export async function importOptional<T>(pkg: OptionalPackage, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (!isMissingModule(e, pkg.specifier)) throw e;
    throw new InfraError(
      'ERR_MISSING_PEER',
      `${pkg.feature} needs ${pkg.specifier}, which is not installed`,
      {
        hint: `install it in your project: ${pkg.install}`,
        cause: e,
      },
    );
  }
}

export const VITEST: OptionalPackage = {
  specifier: 'vitest',
  feature: 'the proof runner (and proofgate/vitest)',
  install: 'npm i -D vitest',
};

export const TESTCONTAINERS: OptionalPackage = {
  specifier: '@testcontainers/postgresql',
  feature: 'the Testcontainers Postgres provider',
  install:
    'npm i -D testcontainers @testcontainers/postgresql (or use --database-url, or the embedded server)',
};
