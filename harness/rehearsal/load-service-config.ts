import { join } from 'node:path';
import { InputError } from '../errors/index.js';
import { readJsonFile } from '../migrations/read-json.js';
import type { ServiceConfig, ServiceProbe } from './types.js';

export const SERVICE_FILE = 'service.json';
const KNOWN = new Set([
  'command',
  'cwd',
  'env',
  'healthPath',
  'readyPath',
  'startupEvent',
  'releaseField',
  'timeoutMs',
  'probes',
]);
// The rehearsal sets these itself: the scratch database and a free port.
const RESERVED_ENV = new Set(['DATABASE_URL', 'PORT']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a release's `service.json`; every problem is ERR_RELEASE with its JSON pointer. */
export function parseServiceConfig(value: unknown, file: string): ServiceConfig {
  const fail = (pointer: string, message: string): never => {
    throw new InputError('ERR_RELEASE', message, {
      file,
      pointer,
      hint: 'see docs/rehearsal.md, "Describing the service"',
    });
  };
  if (!isObject(value)) return fail('', 'service.json must be a JSON object');
  for (const key of Object.keys(value))
    if (!KNOWN.has(key)) fail(`/${key}`, `unknown member ${JSON.stringify(key)}`);

  const command = value['command'];
  if (
    !Array.isArray(command) ||
    command.length === 0 ||
    !command.every((a): a is string => typeof a === 'string' && a !== '')
  )
    fail('/command', 'command must be a non-empty array of arguments (run without a shell)');

  const cwd = value['cwd'];
  if (cwd !== undefined && (typeof cwd !== 'string' || cwd === '' || cwd.startsWith('/')))
    fail('/cwd', 'cwd must be a folder relative to the release folder');

  const env = value['env'] ?? {};
  if (!isObject(env)) return fail('/env', 'env must be an object of strings');
  for (const [k, v] of Object.entries(env)) {
    if (typeof v !== 'string') fail(`/env/${k}`, `env.${k} must be a string`);
    if (RESERVED_ENV.has(k))
      fail(`/env/${k}`, `${k} is set by the rehearsal (the scratch database / a free port)`);
  }

  const path = (key: string, fallback: string): string => {
    const v = value[key] ?? fallback;
    if (typeof v !== 'string' || !v.startsWith('/'))
      return fail(`/${key}`, `${key} must be a path starting with /`);
    return v;
  };
  const name = (key: string, fallback: string): string => {
    const v = value[key] ?? fallback;
    if (typeof v !== 'string' || v === '') return fail(`/${key}`, `${key} must be a non-empty string`);
    return v;
  };
  const timeoutMs = value['timeoutMs'] ?? 20_000;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs < 1000 ||
    timeoutMs > 600_000
  )
    fail('/timeoutMs', 'timeoutMs must be a whole number of milliseconds between 1000 and 600000');

  const probesValue = value['probes'] ?? [];
  if (!Array.isArray(probesValue))
    return fail('/probes', 'probes must be an array of { path, status, why? }');
  const probes = probesValue.map((p: unknown, i): ServiceProbe => {
    if (!isObject(p)) return fail(`/probes/${i}`, 'a probe must be an object { path, status, why? }');
    for (const k of Object.keys(p))
      if (!['path', 'status', 'why'].includes(k))
        fail(`/probes/${i}/${k}`, `unknown member ${JSON.stringify(k)}`);
    const { path: at, status, why } = p;
    if (typeof at !== 'string' || !at.startsWith('/')) fail(`/probes/${i}/path`, 'path must start with /');
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
      fail(`/probes/${i}/status`, 'status must be an HTTP status code (100-599)');
    if (why !== undefined && typeof why !== 'string') fail(`/probes/${i}/why`, 'why must be a string');
    return {
      path: at as string,
      status: status as number,
      ...(why === undefined ? {} : { why: why as string }),
    };
  });

  return {
    command: command as string[],
    ...(cwd === undefined ? {} : { cwd: cwd as string }),
    env: env as Record<string, string>,
    healthPath: path('healthPath', '/health'),
    readyPath: path('readyPath', '/ready'),
    startupEvent: name('startupEvent', 'app.startup'),
    releaseField: name('releaseField', 'release'),
    timeoutMs: timeoutMs as number,
    probes,
  };
}

/** Reads `<release>/service.json`. A release without one cannot be rehearsed: fail closed. */
export async function loadServiceConfig(releaseDir: string): Promise<ServiceConfig> {
  const file = join(releaseDir, SERVICE_FILE);
  const value = await readJsonFile(file, SERVICE_FILE, {
    missingHint:
      'the rehearsal starts the candidate service; describe it in service.json (docs/rehearsal.md)',
  });
  return parseServiceConfig(value, file);
}
