import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

// A resolve hook (module.register) prints every file URL an import resolves, one per line on
// stderr; require()d CommonJS files are listed from the require cache at the end (Node 20's hooks
// do not see require()).
const HOOK = `export async function resolve(s, c, next) {
  const r = await next(s, c);
  if (r.url.startsWith('file:')) process.stderr.write('LOADED ' + r.url + '\\n');
  return r;
}`;
const REGISTER = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;
const LIST_CJS = `const { createRequire } = await import('node:module');
const { pathToFileURL } = await import('node:url');
for (const f of Object.keys(createRequire(process.cwd() + '/').cache))
  process.stderr.write('LOADED ' + pathToFileURL(f).href + '\\n');`;

/**
 * The files a fresh Node process loads when it imports `modules` (absolute paths) and then runs
 * `code` (an ES module body that may use them as m0, m1, …): for tests that keep a command's
 * start-up from pulling in what it does not need.
 */
export function loadedModules(modules: readonly string[], code = ''): string[] {
  const imports = modules.map(
    (m, i) => `const m${i} = await import(${JSON.stringify(pathToFileURL(m).href)});`,
  );
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      '--input-type=module',
      '-e',
      [...imports, code, LIST_CJS].join('\n'),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`loading ${modules.join(', ')} failed:\n${r.stderr}`);
  return r.stderr
    .split('\n')
    .filter((l) => l.startsWith('LOADED '))
    .map((l) => l.slice('LOADED '.length));
}
