import type { Finding } from '../report/index.js';
import type { VerifyReportBody } from '../verify/index.js';

/**
 * What the rehearsal checks beyond `compareReports`: anchors must verify after the upgrade exactly as
 * before (a rewritten or deleted checkpoint keeps every content root but breaks an anchor), and no
 * key-binding or anchor problem may appear that the baseline did not have (e.g. a new key bound by
 * a migration in a malformed way).
 */
export function compareExtras(
  before: VerifyReportBody,
  after: VerifyReportBody,
  beforeFindings: readonly Finding[],
  afterFindings: readonly Finding[],
): Finding[] {
  const findings: Finding[] = [];
  if (after.anchors.total !== before.anchors.total || after.anchors.verified !== before.anchors.verified)
    findings.push({
      id: 'anchors-changed',
      level: 'error',
      group: 'anchors',
      message: `anchors: ${before.anchors.verified} of ${before.anchors.total} verified before the upgrade, ${after.anchors.verified} of ${after.anchors.total} after`,
    });
  const key = (f: Finding): string => `${f.id}\u0000${f.kid ?? ''}\u0000${f.pointer ?? ''}`;
  const known = new Set(beforeFindings.map(key));
  for (const f of afterFindings)
    if ((f.group === 'key bindings' || f.group === 'anchors') && f.level === 'error' && !known.has(key(f)))
      findings.push({ ...f, message: `after the upgrade: ${f.message}` });
  return findings;
}
