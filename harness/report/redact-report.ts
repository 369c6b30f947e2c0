import { redactDeep } from '../db/redact.js';
import type { Report } from './types.js';

/**
 * The report with every credential masked (database URLs, conninfo passwords, tokens), before any
 * format renders it: the JSON digest is computed over the masked body, so it still verifies.
 */
export function redactReport(report: Report): Report {
  return redactDeep(report);
}
