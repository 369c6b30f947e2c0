import { canonicalDigest } from './canonical-json.js';
import { redactReport } from './redact-report.js';
import type { Report } from './types.js';

export interface JsonOptions {
  deterministic?: boolean;
}

/** The JSON report object: body fields, then `digest` (sha256 of the body's JCS form), then timings and engine. */
export function jsonReport(unmasked: Report, options: JsonOptions = {}): Record<string, unknown> {
  const report = redactReport(unmasked); // the digest covers the masked body, so it verifies
  const out: Record<string, unknown> = { ...report.body, digest: canonicalDigest(report.body) };
  if (!options.deterministic && report.timings !== undefined) out.timings = report.timings;
  if (!options.deterministic && report.engine !== undefined) out.engine = report.engine;
  return out;
}

export function renderJson(report: Report, options: JsonOptions = {}): string {
  return JSON.stringify(jsonReport(report, options), null, 2) + '\n';
}
