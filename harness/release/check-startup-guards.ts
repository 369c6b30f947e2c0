import { resolve } from 'node:path';
import { checkApiVersions } from './check-api-versions.js';
import { checkEnvironment } from './check-environment.js';
import { readArtifact } from './read-artifact.js';
import type { EnvLike, GuardFinding, GuardOptions, GuardResult } from './types.js';

const stderrLogger = { warn: (line: string) => void process.stderr.write(`${line}\n`) };

/**
 * Every startup guard, without throwing: the release artifact plus every violation and warning
 * in a stable order (errors first, then by id, variable, message). Unsigned modes are always logged.
 */
export function checkStartupGuards(env: EnvLike, options: GuardOptions = {}): GuardResult {
  const { artifact, findings } = readArtifact(env);
  findings.push(
    ...checkEnvironment(env, artifact, options.requiredSecrets, {
      ...(options.secrets !== undefined ? { secrets: options.secrets } : {}),
      ...(options.signingKeyVars !== undefined ? { signingKeyVars: options.signingKeyVars } : {}),
    }),
  );
  findings.push(
    ...checkApiVersions(artifact.supported_api_versions, resolve(options.contractsDir ?? 'contracts')),
  );
  if (
    artifact.expected_alembic_head !== null &&
    options.currentHead !== undefined &&
    options.currentHead !== artifact.expected_alembic_head
  ) {
    findings.push({
      id: 'alembic-head-mismatch',
      level: 'error',
      variable: 'EXPECTED_ALEMBIC_HEAD',
      message: `the database is at migration head ${JSON.stringify(options.currentHead)} but this release expects ${JSON.stringify(artifact.expected_alembic_head)}; run the migrations (or deploy the matching release) first`,
    });
  }
  if (artifact.signing_mode !== 'required') {
    const line = `proofgate startup: WARNING signing_mode=${artifact.signing_mode}: records may be written unsigned (ENV=${artifact.environment})`;
    (options.logger ?? stderrLogger).warn(line);
    findings.push({
      id: 'signing-unsigned-mode',
      level: 'warning',
      variable: 'SIGNING_MODE',
      message: `signing_mode=${artifact.signing_mode}: records may be written unsigned`,
    });
  }
  findings.sort(compareFindings);
  return { artifact, findings: dedupe(findings), ok: !findings.some((f) => f.level === 'error') };
}

function compareFindings(a: GuardFinding, b: GuardFinding): number {
  const key = (f: GuardFinding) => [f.level === 'error' ? '0' : '1', f.id, f.variable ?? '', f.message];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}

function dedupe(findings: GuardFinding[]): GuardFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.id}\u0000${f.variable ?? ''}\u0000${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
