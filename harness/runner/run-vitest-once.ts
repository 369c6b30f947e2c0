import { importOptional, VITEST } from '../optional/import-optional.js';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Outcome } from './types.js';

const WARNING_TAG = '[proofgate-process-warning]'; // as in warning-setup.ts (not imported: it installs a handler)

export interface OnceResult {
  order: Record<string, string[]>;
  /** Process warnings raised in the test workers (`Name: message`), in arrival order. */
  warnings: string[];
  outcomes: Map<string, { file: string; name: string; outcome: Outcome; error?: string }>;
  unhandledErrors: string[];
  moduleErrors: { file: string; message: string }[];
}

const firstLine = (s: string) => s.split('\n')[0]!.slice(0, 500);

// The setup file next to this module: .ts under vitest/tsx, .js in dist/.
const here = fileURLToPath(import.meta.url);
const WARNING_SETUP = [
  here.replace(/run-vitest-once\.(ts|js)$/, 'warning-setup.js'),
  here.replace(/run-vitest-once\.(ts|js)$/, 'warning-setup.ts'),
].find(existsSync);

/**
 * One vitest run through its node API (`createVitest` from 'vitest/node'): no config file, no
 * setup files, only the given files, `sequence.shuffle` with `seed`, and a silent reporter that
 * records the execution order. Test keys are `file > full name` (with ` #n` for repeated names).
 */
export async function runVitestOnce(
  root: string,
  files: readonly string[],
  seed: number,
  testTimeout: number,
): Promise<OnceResult> {
  const { createVitest } = await importOptional(VITEST, () => import('vitest/node'));
  const rel = files.map((f) => relative(root, resolve(root, f)).split('\\').join('/'));
  const order: Record<string, string[]> = {};
  const warnings: string[] = [];
  const keys = new Map<string, string>(); // test id → key
  const keyOf = (
    tc: { id: string; fullName: string; module: { moduleId: string } },
    file: string,
  ): string => {
    let k = keys.get(tc.id);
    if (k === undefined) {
      k = `${file} > ${tc.fullName}`;
      let n = 1;
      const taken = new Set(keys.values());
      while (taken.has(n === 1 ? k : `${k} #${n}`)) n++;
      if (n > 1) k = `${k} #${n}`;
      keys.set(tc.id, k);
    }
    return k;
  };
  const fileOf = (moduleId: string) => relative(root, moduleId).split('\\').join('/');
  const vitest = await createVitest(
    'test',
    {
      config: false,
      root,
      watch: false,
      include: rel,
      setupFiles: WARNING_SETUP === undefined ? [] : [WARNING_SETUP],
      globalSetup: [],
      passWithNoTests: false,
      testTimeout,
      reporters: [
        {
          onUserConsoleLog(log) {
            for (const line of log.content.split('\n')) {
              if (line.startsWith(WARNING_TAG)) warnings.push(line.slice(WARNING_TAG.length + 1).trim());
            }
          },
          onTestCaseReady(tc) {
            const file = fileOf(tc.module.moduleId);
            (order[file] ??= []).push(keyOf(tc, file));
          },
        },
      ],
      sequence: { shuffle: true, seed },
    },
    { server: { watch: null }, logLevel: 'silent' },
  );
  try {
    const result = await vitest.start(rel);
    const outcomes: OnceResult['outcomes'] = new Map();
    const moduleErrors: OnceResult['moduleErrors'] = [];
    // Definition order, so keys of repeated names are assigned the same way in every run.
    for (const m of [...result.testModules].sort((a, b) => (a.moduleId < b.moduleId ? -1 : 1))) {
      const file = fileOf(m.moduleId);
      for (const e of m.errors()) moduleErrors.push({ file, message: firstLine(e.message ?? String(e)) });
      for (const tc of m.children.allTests()) {
        const r = tc.result();
        const key = keyOf(tc, file);
        const outcome: Outcome =
          r.state === 'passed'
            ? 'passed'
            : r.state === 'failed'
              ? 'failed'
              : r.state === 'skipped'
                ? 'skipped'
                : 'missing';
        const err = r.state === 'failed' ? r.errors[0]?.message : undefined;
        outcomes.set(key, {
          file,
          name: tc.fullName,
          outcome,
          ...(err === undefined ? {} : { error: firstLine(err) }),
        });
      }
    }
    const unhandledErrors = result.unhandledErrors.map((e) => {
      const err = e as { name?: string; message?: string };
      return firstLine(`${err.name ?? 'Error'}: ${err.message ?? String(e)}`);
    });
    return { order, outcomes, unhandledErrors, moduleErrors, warnings };
  } finally {
    await vitest.close();
  }
}
