import type { RequestListener, Server } from 'node:http';
import { InfraError } from '../errors/index.js';

/** What an app factory may hand over: a listener, a server, or a framework instance with ready(). */
export type AppLike = RequestListener | Server | { ready(): unknown; server: Server };

function isReadyApp(app: unknown): app is { ready(): unknown; server: Server } {
  return (
    app !== null &&
    (typeof app === 'object' || typeof app === 'function') &&
    typeof (app as { ready?: unknown }).ready === 'function' &&
    typeof (app as { server?: unknown }).server === 'object'
  );
}

/**
 * Fastify-like apps (`ready()` + `server`) have their routes only after `await ready()`; a plain
 * listener or server (node:http, Express, Koa's callback(), Hono's node adapter) is used as is.
 */
export async function resolveApp(app: AppLike, describe: string): Promise<RequestListener | Server> {
  if (!isReadyApp(app)) return app;
  try {
    await app.ready();
  } catch (e) {
    throw new InfraError('ERR_SERVICE', `${describe}: app.ready() failed: ${(e as Error).message}`, {
      hint: 'the app factory returned a Fastify-like app whose plugins did not load',
      cause: e,
    });
  }
  return app.server;
}
