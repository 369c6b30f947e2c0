import type { Finding } from './types.js';

export function groupOf(f: Finding): string {
  if (f.group !== undefined) return f.group;
  const op = operationOf(f);
  if (op !== undefined) return op;
  if (f.seq !== undefined) return `seq ${f.seq}`;
  return f.id;
}

/** Findings grouped in first-seen order (callers sort findings deterministically first). */
export function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = groupOf(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

export function locationOf(f: Finding): string {
  const parts: string[] = [];
  if (f.file !== undefined) parts.push(f.file);
  if (f.pointer !== undefined) parts.push(`#${f.pointer}`);
  if (f.seq !== undefined) parts.push(`seq=${f.seq}`);
  if (f.kid !== undefined) parts.push(`kid=${f.kid}`);
  return parts.join(' ');
}

/** The operation a finding is about ("GET /a"), whatever group it is shown in. */
export function operationOf(f: Finding): string | undefined {
  if (f.path === undefined) return undefined;
  return f.method !== undefined ? `${f.method.toUpperCase()} ${f.path}` : f.path;
}
