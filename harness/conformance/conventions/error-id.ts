import { getPointer } from '../pointer.js';
import type { ErrorModel } from './types.js';

/** The stable identity of an error body at the error model's JSON pointer (a string or number). */
export function errorIdOf(json: unknown, model: ErrorModel | undefined): string | undefined {
  if (model === undefined || json === null || typeof json !== 'object') return undefined;
  const v = getPointer(json, model.identity);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}
