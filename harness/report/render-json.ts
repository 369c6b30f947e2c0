import { canonicalDigest } from './canonical-json.js';
import { redactReport } from './redact-report.js';
import type { Report } from './types.js';

export interface JsonOptions {
  deterministic?: boolean;
}

/** The JSON report object: body fields, then `digest` (sha256 of the body's JCS form), then timings and engine. */
export function jsonReport(unmasked: Report, options: JsonOptions = {}): Record<string, unknown> {
  return maskedJsonReport(redactReport(unmasked), options); // the digest covers the masked body, so it verifies
}

/** jsonReport of a report whose credentials are already masked (renderReport, the release folder). */
export function maskedJsonReport(report: Report, options: JsonOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...report.body, digest: canonicalDigest(report.body) };
  if (!options.deterministic && report.timings !== undefined) out.timings = report.timings;
  if (!options.deterministic && report.engine !== undefined) out.engine = report.engine;
  return out;
}

export function renderJson(report: Report, options: JsonOptions = {}): string {
  return JSON.stringify(jsonReport(report, options), null, 2) + '\n';
}

/** renderJson of an already masked report: masking a large report is not free, so it is done once. */
export function renderMaskedJson(report: Report, options: JsonOptions = {}): string {
  return JSON.stringify(maskedJsonReport(report, options), null, 2) + '\n';
}
