// Path globs as in .gitignore / minimatch, the subset configs need: `**` (any folders, also none),
// `*` (anything but `/`), `?` (one character but `/`), `{a,b}` alternatives, `[abc]` classes.
// A pattern without `/` matches the base name at any depth (like .gitignore).

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const anchored = pattern.includes('/') ? pattern.replace(/^\//, '') : `**/${pattern}`;
  let re = '';
  for (let i = 0; i < anchored.length; i++) {
    const c = anchored[i]!;
    if (c === '*') {
      if (anchored[i + 1] === '*') {
        // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
        if (anchored[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = anchored.indexOf('}', i);
      if (end === -1) re += '\\{';
      else {
        const alts = anchored.slice(i + 1, end).split(',');
        re += `(?:${alts.map((a) => globToRegExp(`/${a}`).source.slice(1, -1)).join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = anchored.indexOf(']', i);
      if (end === -1) re += '\\[';
      else {
        re += `[${anchored
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const out = new RegExp(`^${re}$`);
  cache.set(pattern, out);
  return out;
}

/** True when `path` (repository-relative, `/`-separated) matches any of `patterns`. */
export function matchesAny(path: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => globToRegExp(p).test(path));
}
