import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { supertestClient } from './client.js';

describe('supertestClient', () => {
  it('keeps the exact body bytes and lower-cases header names', async () => {
    const body = '{"b":1,  "a":"\\u00e9"}';
    const client = supertestClient((_req, res) => {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('X-Thing', 'v');
      res.end(body);
    }, 'raw');
    const res = await client.send({ method: 'get', path: '/x', query: { a: '1 2' }, headers: {} });
    expect(res.raw.toString('utf8')).toBe(body);
    expect(res.json).toEqual({ b: 1, a: 'é' });
    expect(res.headers['x-thing']).toBe('v');
  });

  it('a body that claims JSON but is not stays raw, with the parse error', async () => {
    const client = supertestClient((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{nope');
    }, 'bad json');
    const res = await client.send({ method: 'get', path: '/', query: {}, headers: {} });
    expect(res.json).toBeUndefined();
    expect(res.jsonError).toMatch(/JSON/);
  });

  it.each([
    ['a service that never answers', { given: 'hang' as const }],
    ['a port nobody listens on', { given: 'closed' as const }],
  ])('%s is ERR_SERVICE (exit 2), never a verdict', async (_name, { given }) => {
    const server = createServer(() => undefined);
    const target = given === 'hang' ? server : 'http://127.0.0.1:1';
    const client = supertestClient(target, given, { timeoutMs: 200 });
    await expect(client.send({ method: 'get', path: '/', query: {}, headers: {} })).rejects.toMatchObject({
      code: 'ERR_SERVICE',
    });
    server.close();
  });
});
