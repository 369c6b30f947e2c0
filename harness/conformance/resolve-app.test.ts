import { createServer, type RequestListener } from 'node:http';
import Fastify from 'fastify';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { resolveApp } from './resolve-app.js';

// Real frameworks: a Fastify app only has its routes after ready(); a node:http listener is used as is.
describe('resolveApp', () => {
  it('awaits a Fastify app and sends to its server', async () => {
    const app = Fastify();
    app.get('/ping', async () => ({ ok: true }));
    const target = await resolveApp(app, 'fastify app');
    const res = await request(target).get('/ping');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    await app.close();
  });

  it.each([
    ['a node:http listener', ((_req, res) => res.end('x')) as RequestListener],
    ['a node:http server', createServer((_req, res) => res.end('x'))],
  ])('passes %s through unchanged', async (_name, app) => {
    expect(await resolveApp(app, 'plain')).toBe(app);
  });

  it('a plugin that fails in ready() is exit 2 (ERR_SERVICE) naming the app', async () => {
    const app = Fastify();
    void app.register(async () => {
      throw new Error('cannot open the queue');
    });
    await expect(resolveApp(app, 'billing app')).rejects.toMatchObject({
      code: 'ERR_SERVICE',
      exitCode: 2,
      message: expect.stringMatching(/billing app: app\.ready\(\) failed: cannot open the queue/),
    });
  });
});
