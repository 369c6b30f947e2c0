import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../db/free-port.js';
import type { ReleaseJson } from '../migrations/index.js';
import type { Finding } from '../report/index.js';
import { releaseEnv, releaseMismatches } from './release-env.js';
import { WATCHDOG_SOURCE } from './service-watchdog.js';
import type { ServiceCheckResult, ServiceConfig } from './types.js';

export interface CheckServiceOptions {
  releaseDir: string;
  artifact: ReleaseJson;
  config: ServiceConfig;
  /** The upgraded scratch database: given to the service as DATABASE_URL. */
  databaseUrl: string;
  /** Folder `cwd`-less configs run in (default process.cwd()). */
  cwd?: string;
  /** Where PATH/HOME come from (default process.env); nothing else is inherited. */
  parentEnv?: NodeJS.ProcessEnv;
}

// Only what a process needs to run at all; the service's own settings come from service.json, so a
// developer's shell (ENV=dev, AUTO_CREATE_SCHEMA=…) cannot change what the rehearsal proves.
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SYSTEMROOT', 'NODE_EXTRA_CA_CERTS'];
const POLL_MS = 150;
const TAIL = 40;

interface Probe {
  status: number | null;
  detail: string;
}

/**
 * Starts the release's service on the upgraded database, waits for its startup event, then probes
 * health and readiness until they answer 200 or the time limit passes, and compares the release
 * artifact in the startup event with release.json. Always stops the whole process group.
 */
export async function checkService(options: CheckServiceOptions): Promise<ServiceCheckResult> {
  const { config, artifact } = options;
  const parent = options.parentEnv ?? process.env;
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const k of INHERITED) {
    // A caller's env without PATH (tests, gates) still needs `node` to resolve.
    const v = parent[k] ?? process.env[k];
    if (v !== undefined) env[k] = v;
  }
  Object.assign(env, releaseEnv(artifact), config.env, {
    DATABASE_URL: options.databaseUrl,
    PORT: String(port),
  });
  const cwd =
    config.cwd === undefined ? (options.cwd ?? process.cwd()) : resolve(options.releaseDir, config.cwd);
  const deadline = Date.now() + config.timeoutMs;
  const findings: Finding[] = [];
  const result: ServiceCheckResult = {
    findings,
    checks: [],
    body: { healthStatus: null, readyStatus: null, startupEvent: false },
  };
  const fail = (id: string, message: string): void => void findings.push({ id, level: 'error', message });
  const skip = (id: string, name: string, why: string) =>
    result.checks.push({ id, name, pass: true, skipped: true, message: why });

  const out: string[] = [];
  const err: string[] = [];
  const keep = (list: string[], line: string): void => {
    list.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
    if (list.length > TAIL) list.shift();
  };
  let child: ChildProcess;
  try {
    // Under the watchdog (service-watchdog.ts): the service dies with proofgate, even on SIGKILL.
    child = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, '--', ...config.command], {
      cwd,
      env,
      detached: true, // its own process group, so stopping it also stops what it started
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e) {
    fail('service-start-failed', `cannot start ${config.command.join(' ')}: ${(e as Error).message}`);
    return withSkips();
  }
  child.stdin?.on('error', () => undefined); // never written to; only its close matters
  // If proofgate itself exits mid-check (an error, a signal handled elsewhere), the service goes too.
  const killOnExit = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  const exited = new Promise<string>((done) => {
    child.once('error', (e) => done(`could not be started: ${e.message}`));
    child.once('exit', (code, signal) => done(`exited (${signal ?? `code ${code}`})`));
  });
  let exitReason: string | undefined;
  void exited.then((r) => (exitReason = r));
  let onEvent: (event: Record<string, unknown>) => void = () => undefined;
  const startup = new Promise<Record<string, unknown>>((done) => (onEvent = done));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    keep(out, line);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return;
    }
    if (
      typeof value === 'object' &&
      value !== null &&
      (value as { event?: unknown }).event === config.startupEvent
    )
      onEvent(value as Record<string, unknown>);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => keep(err, line));

  try {
    const timeout = sleep(Math.max(0, deadline - Date.now())).then(() => 'timeout' as const);
    const first = await Promise.race([startup, exited, timeout]);
    if (first === 'timeout' || typeof first === 'string') {
      await sleep(50); // let the last output lines arrive
      const why =
        first === 'timeout'
          ? `no ${config.startupEvent} event within ${config.timeoutMs} ms`
          : `it ${first} before its ${config.startupEvent} event`;
      fail('service-start-failed', `the candidate service did not start: ${why}${lastWords()}`);
      result.checks.push({ id: 'service-started', name: `${config.startupEvent} logged`, pass: false });
      return withSkips();
    }
    result.body.startupEvent = true;
    result.checks.push({ id: 'service-started', name: `${config.startupEvent} logged`, pass: true });
    // Health and readiness get the whole limit again from the startup event: a slow start (a loaded
    // machine) must not turn into "not ready", nor a ready service into a timeout.
    const readyBy = Date.now() + config.timeoutMs;

    const base = `http://127.0.0.1:${port}`;
    const health = await probeUntilOk(`${base}${config.healthPath}`, readyBy, () => exitReason);
    result.body.healthStatus = health.status;
    const healthy = health.status === 200;
    result.checks.push({ id: 'service-health', name: `GET ${config.healthPath} is 200`, pass: healthy });
    if (!healthy)
      fail(
        'service-not-healthy',
        `GET ${config.healthPath} did not answer 200 within ${config.timeoutMs} ms: ${health.detail}${lastWords()}`,
      );

    const ready = healthy
      ? await probeUntilOk(`${base}${config.readyPath}`, readyBy, () => exitReason)
      : undefined;
    if (ready === undefined) skip('service-ready', `GET ${config.readyPath} is 200`, 'skipped: not healthy');
    else {
      result.body.readyStatus = ready.status;
      const ok = ready.status === 200;
      result.checks.push({ id: 'service-ready', name: `GET ${config.readyPath} is 200`, pass: ok });
      if (!ok)
        fail(
          'service-not-ready',
          `GET ${config.readyPath} did not answer 200 after the upgrade within ${config.timeoutMs} ms: ${ready.detail}`,
        );
    }

    const logged = (await startup)[config.releaseField];
    const mismatches = releaseMismatches(artifact, logged);
    result.checks.push({
      id: 'service-release',
      name: `${config.startupEvent}.${config.releaseField} equals release.json`,
      pass: mismatches.length === 0,
    });
    if (mismatches.length > 0)
      fail(
        'service-release-mismatch',
        logged === undefined || logged === null
          ? `the ${config.startupEvent} event carries no ${config.releaseField} artifact`
          : `the ${config.startupEvent} event's release differs from release.json: ${mismatches
              .map(
                (m) => `${m.field} is ${JSON.stringify(m.got)}, release.json says ${JSON.stringify(m.want)}`,
              )
              .join('; ')}`,
      );

    // Probes need a ready service; without one they are skipped (the step already failed).
    for (const probe of config.probes) {
      const name = `GET ${probe.path} is ${probe.status}${probe.why ? ` (${probe.why})` : ''}`;
      if (result.body.readyStatus !== 200) {
        skip(`service-probe ${probe.path}`, name, 'skipped: the service is not ready');
        continue;
      }
      const got = await probeOnce(`${base}${probe.path}`);
      const ok = got.status === probe.status;
      result.checks.push({ id: `service-probe ${probe.path}`, name, pass: ok });
      if (!ok)
        fail(
          'service-probe-failed',
          `GET ${probe.path} answered ${got.detail}, not ${probe.status}${probe.why ? `: ${probe.why}` : ''}`,
        );
    }
    return result;
  } finally {
    await stop(child, exited);
    process.removeListener('exit', killOnExit);
  }

  function withSkips(): ServiceCheckResult {
    const why = 'skipped: the service did not start';
    if (!result.checks.some((c) => c.id === 'service-started'))
      result.checks.push({ id: 'service-started', name: `${config.startupEvent} logged`, pass: false });
    skip('service-health', `GET ${config.healthPath} is 200`, why);
    skip('service-ready', `GET ${config.readyPath} is 200`, why);
    skip('service-release', `${config.startupEvent}.${config.releaseField} equals release.json`, why);
    for (const probe of config.probes)
      skip(`service-probe ${probe.path}`, `GET ${probe.path} is ${probe.status}`, why);
    return result;
  }

  function lastWords(): string {
    // A crash prints a stack: its first "…Error…" line says more than the trailing "Node.js vNN".
    const error = err.find((l) => /error/i.test(l));
    const tail = [...out.slice(-2), ...(error === undefined ? err.slice(-3) : [error])].filter(
      (l) => l.trim() !== '',
    );
    return tail.length === 0 ? '' : ` (last output: ${tail.join(' | ')})`;
  }
}

/** GETs the URL until it answers 200, the deadline passes, or the process is gone. */
async function probeUntilOk(url: string, deadline: number, gone: () => string | undefined): Promise<Probe> {
  let last: Probe = { status: null, detail: 'no answer' };
  for (;;) {
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(Math.max(500, Math.min(5000, deadline - Date.now()))),
      });
      const text = (await res.text()).slice(0, 300);
      last = { status: res.status, detail: `${res.status} ${describeBody(text)}` };
      if (res.status === 200) return last;
    } catch (e) {
      last = { status: null, detail: `no answer (${(e as Error).message})` };
    }
    const why = gone();
    if (why !== undefined) return { status: last.status, detail: `${last.detail}; the service ${why}` };
    if (Date.now() + POLL_MS > deadline) return last;
    await sleep(POLL_MS);
  }
}

async function probeOnce(url: string): Promise<Probe> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const text = (await res.text()).slice(0, 300);
    return { status: res.status, detail: `${res.status} ${describeBody(text)}` };
  } catch (e) {
    return { status: null, detail: `no answer (${(e as Error).message})` };
  }
}

/** The error message of a JSON error envelope when there is one, else the body text. */
function describeBody(text: string): string {
  try {
    const v = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (v.error?.message !== undefined) return `${v.error.code ?? 'error'}: ${v.error.message}`;
  } catch {
    // not JSON: show it as is
  }
  return text;
}

async function stop(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.pid === undefined) return;
  const group = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  // The service exited (the watchdog with it): whatever it started in its group goes too.
  if (child.exitCode !== null || child.signalCode !== null) return group('SIGKILL');
  group('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) {
    group('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
