import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GuardFinding } from './types.js';

/** A supported API version needs a frozen contract: `<contractsDir>/<version>/openapi.yaml` (or .json). */
export function checkApiVersions(versions: readonly string[], contractsDir: string): GuardFinding[] {
  const findings: GuardFinding[] = [];
  for (const v of versions) {
    const found = ['openapi.yaml', 'openapi.yml', 'openapi.json'].some((f) =>
      existsSync(join(contractsDir, v, f)),
    );
    if (!found) {
      findings.push({
        id: 'api-version-unsupported',
        level: 'error',
        variable: 'RELEASE_SUPPORTED_API_VERSIONS',
        message: `API version ${v} has no frozen contract at ${join(contractsDir, v, 'openapi.yaml')}; freeze it first (proofgate freeze) or drop it`,
      });
    }
  }
  return findings;
}
