import type { RequestListener, Server } from 'node:http';
import request from 'supertest';
import { InfraError } from '../errors/index.js';
import type { HttpClient, HttpRequest, HttpResponse } from './types.js';

export const REQUEST_TIMEOUT_MS = 30_000;

type Parser = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => void;

// Keep the exact body bytes: signature checks run over them, never over a re-serialization.
const rawParser: Parser = (res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
  res.on('error', (e: Error) => cb(e, Buffer.alloc(0)));
};

/** HTTP through supertest: an app (listener or server) or a base URL such as a staging host. */
export function supertestClient(
  target: RequestListener | Server | string,
  describe: string,
  options: { timeoutMs?: number } = {},
): HttpClient {
  const timeout = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const agent = request(target as Parameters<typeof request>[0]);
  return {
    describe,
    async send(req: HttpRequest): Promise<HttpResponse> {
      const qs = new URLSearchParams(Object.entries(req.query)).toString();
      const url = qs ? `${req.path}?${qs}` : req.path;
      let test = agent[req.method](url)
        .buffer(true)
        .parse(rawParser as never)
        .redirects(0)
        // A hung service is an infrastructure failure (exit 2), never a silent wait.
        .timeout({ response: timeout, deadline: 2 * timeout })
        .ok(() => true);
      for (const [k, v] of Object.entries(req.headers)) test = test.set(k, v);
      if (req.body !== undefined)
        test = test.set('content-type', 'application/json').send(JSON.stringify(req.body));
      let res: request.Response;
      try {
        res = await test;
      } catch (e) {
        throw new InfraError(
          'ERR_SERVICE',
          `${req.method.toUpperCase()} ${req.path}: ${(e as Error).message}`,
          {
            hint: 'the service could not be reached: check --base-url / that the app factory starts',
            cause: e,
          },
        );
      }
      const raw = Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers as Record<string, string | string[]>)) {
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      }
      const out: HttpResponse = { status: res.status, headers, raw, json: undefined };
      if (raw.length > 0 && /json/i.test(headers['content-type'] ?? '')) {
        try {
          out.json = JSON.parse(raw.toString('utf8'));
        } catch (e) {
          out.jsonError = (e as Error).message;
        }
      }
      return out;
    },
  };
}
