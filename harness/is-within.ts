import { isAbsolute, relative, sep } from 'node:path';

/**
 * `child` is `parent` or inside it, compared as resolved absolute paths (no symlinks are followed:
 * resolve them first where that matters). `..x` is a legal name inside; only `..` itself and
 * `../…` leave.
 */
export function isWithin(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
}
