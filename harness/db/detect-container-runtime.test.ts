import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectContainerRuntime } from './detect-container-runtime.js';

// Real sockets stand in for a runtime: one answers GET /_ping like Docker/Podman, one accepts
// connections and never answers (a hung daemon), one is not there at all.
let dir: string;
let pinging: HttpServer;
let silent: Server;
let closedPort: number;

function listen(s: Server | HttpServer, path: string): Promise<void> {
  return new Promise((resolve) => s.listen(path, resolve));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proofgate-docker-probe-'));
  pinging = createHttpServer((req, res) => {
    res.writeHead(req.url === '/_ping' ? 200 : 404).end('OK');
  });
  await listen(pinging, join(dir, 'ok.sock'));
  silent = createServer(() => undefined);
  await listen(silent, join(dir, 'silent.sock'));
  const tmp = createServer();
  closedPort = await new Promise<number>((resolve) =>
    tmp.listen(0, '127.0.0.1', () => {
      const p = (tmp.address() as { port: number }).port;
      tmp.close(() => resolve(p));
    }),
  );
});
afterAll(async () => {
  pinging.close();
  silent.close();
  await rm(dir, { recursive: true, force: true });
});

describe('detectContainerRuntime', () => {
  it.each([
    [
      'a socket that answers /_ping',
      { host: () => `unix://${join(dir, 'ok.sock')}`, ok: true, reason: undefined },
    ],
    [
      'no socket at DOCKER_HOST',
      { host: () => `unix://${join(dir, 'none.sock')}`, ok: false, reason: /no such socket/ },
    ],
    [
      'a hung daemon',
      { host: () => `unix://${join(dir, 'silent.sock')}`, ok: false, reason: /no answer within 300 ms/ },
    ],
    [
      'tcp port with nothing listening',
      { host: () => `tcp://127.0.0.1:${closedPort}`, ok: false, reason: /ECONNREFUSED/ },
    ],
    [
      'an unsupported scheme',
      { host: () => 'ssh://user@host', ok: false, reason: /unsupported DOCKER_HOST scheme/ },
    ],
  ])('%s', async (_n, { host, ok, reason }) => {
    // The reason names what ended the probe (the 300 ms limit for the hung daemon): no wall clock.
    const r = await detectContainerRuntime({ DOCKER_HOST: host() }, 300);
    expect(r.ok).toBe(ok);
    if (!r.ok && reason) expect(r.reason).toMatch(reason);
  });

  it('without DOCKER_HOST it probes the usual sockets and names each in the reason', async () => {
    const r = await detectContainerRuntime({ XDG_RUNTIME_DIR: dir, HOME: dir }, 300);
    // this machine has no Docker engine; where one exists this test is about the reason text only
    if (!r.ok) {
      expect(r.reason).toContain('/var/run/docker.sock');
      expect(r.reason).toContain(join(dir, 'docker.sock'));
      expect(r.reason).toContain(join(dir, '.docker', 'run', 'docker.sock'));
    }
  });
});
