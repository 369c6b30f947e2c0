import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

export type RuntimeProbe = { ok: true; endpoint: string } | { ok: false; reason: string };

export const RUNTIME_PROBE_TIMEOUT_MS = 3_000;

function candidates(env: NodeJS.ProcessEnv): string[] {
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  const list = ['unix:///var/run/docker.sock', 'unix:///run/podman/podman.sock'];
  if (env.XDG_RUNTIME_DIR) {
    list.push(`unix://${join(env.XDG_RUNTIME_DIR, 'docker.sock')}`);
    list.push(`unix://${join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock')}`);
  }
  if (env.HOME) list.push(`unix://${join(env.HOME, '.docker', 'run', 'docker.sock')}`);
  return list;
}

/** GET /_ping (Docker Engine API, also served by Podman) with a hard timeout. */
function ping(endpoint: string, timeoutMs: number): Promise<string | true> {
  return new Promise((resolve) => {
    let target: { socketPath: string } | { host: string; port: number };
    if (endpoint.startsWith('unix://')) {
      const socketPath = endpoint.slice('unix://'.length);
      if (!existsSync(socketPath)) return resolve(`${socketPath}: no such socket`);
      target = { socketPath };
    } else if (endpoint.startsWith('tcp://') || endpoint.startsWith('http://')) {
      const u = new URL(endpoint.replace(/^tcp:/, 'http:'));
      target = { host: u.hostname, port: Number(u.port || 2375) };
    } else {
      return resolve(`${endpoint}: unsupported DOCKER_HOST scheme`);
    }
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? true : `${endpoint}: /_ping answered ${res.statusCode}`);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(`${endpoint}: no answer within ${timeoutMs} ms`);
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(`${endpoint}: ${e.code ?? e.message}`));
    req.end();
  });
}

/**
 * Checked before importing testcontainers, whose own discovery can wait much longer: a runtime
 * must answer GET /_ping within the timeout or the provider is skipped.
 */
export async function detectContainerRuntime(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = RUNTIME_PROBE_TIMEOUT_MS,
): Promise<RuntimeProbe> {
  // All candidates are probed at once, so the whole detection takes at most one timeout.
  const list = candidates(env);
  const results = await Promise.all(list.map((endpoint) => ping(endpoint, timeoutMs)));
  const reasons: string[] = [];
  for (const [i, r] of results.entries()) {
    if (r === true) return { ok: true, endpoint: list[i]! };
    reasons.push(r);
  }
  return { ok: false, reason: reasons.join('; ') };
}
