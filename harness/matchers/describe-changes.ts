import type { Change } from '../snapshots/index.js';

const LIMIT = 20;

/** Lists changes for a failure message: one line each, at most 20, then a count of the rest. */
export function describeChanges(changes: readonly Change[]): string {
  const lines = changes.slice(0, LIMIT).map((c) => {
    const op = c.path === '' ? 'document' : `${c.method.toUpperCase()} ${c.path}`;
    return `  ${c.class === 'breaking' ? '✖' : '·'} ${op}: ${c.id} [${c.class}]: ${c.message} (#${c.pointer})`;
  });
  if (changes.length > LIMIT) lines.push(`  … and ${changes.length - LIMIT} more`);
  return lines.join('\n');
}
