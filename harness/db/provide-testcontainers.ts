import { InfraError } from '../errors/index.js';
import { importOptional, TESTCONTAINERS } from '../optional/import-optional.js';
import { connectClient } from './connect.js';
import { readServerInfo } from './server-info.js';
import type { PostgresHandle } from './types.js';

/** A postgres:<targetMajor> container; loaded only after detectContainerRuntime said yes. */
export async function provideTestcontainers(targetMajor: number, endpoint: string): Promise<PostgresHandle> {
  // Testcontainers discovers the runtime itself from process.env; point it at the one that answered.
  process.env.DOCKER_HOST ??= endpoint;
  const { PostgreSqlContainer } = await importOptional(
    TESTCONTAINERS,
    () => import('@testcontainers/postgresql'),
  );
  let container;
  try {
    container = await new PostgreSqlContainer(`postgres:${targetMajor}`).start();
  } catch (cause) {
    throw new InfraError(
      'ERR_PROVIDER',
      `testcontainers: could not start postgres:${targetMajor} via ${endpoint}: ${String(cause)}`,
      {
        hint: 'check the container runtime, or set PROOFGATE_DATABASE_URL / database.provider: embedded',
        cause,
      },
    );
  }
  const url = container.getConnectionUri();
  const c = await connectClient(url);
  let info;
  try {
    info = await readServerInfo(c);
  } finally {
    await c.end().catch(() => undefined);
  }
  let closed = false;
  return {
    url,
    provider: 'testcontainers',
    serverVersion: info.serverVersion,
    major: info.major,
    async close() {
      if (closed) return;
      closed = true;
      await container.stop();
    },
  };
}
