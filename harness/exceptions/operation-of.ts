import type { ChangeKey } from './types.js';

/** The operation a change belongs to, as exceptions name it: `GET /v1/proofs`, or `*` (document level). */
export function operationOf(change: Pick<ChangeKey, 'path' | 'method'>): string {
  if (change.path === '') return '*';
  return change.method === '' ? change.path : `${change.method.toUpperCase()} ${change.path}`;
}
