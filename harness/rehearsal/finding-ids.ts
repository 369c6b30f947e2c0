/**
 * Finding ids the rehearsal itself raises (docs/rehearsal.md lists them with the ids of the parts it
 * runs: migration-* from the preflight, outcome-changed / content-root-changed / key-* from compare).
 */
export const REHEARSAL_FINDINGS = [
  { id: 'postgres-major-mismatch', step: 'provision', meaning: 'the server is not the production major' },
  {
    id: 'base-apply-failed',
    step: 'apply-base',
    meaning: "the base release's migrations fail on an empty database",
  },
  {
    id: 'base-head-mismatch',
    step: 'apply-base',
    meaning: "the base reaches a head other than its release.json's",
  },
  {
    id: 'mapped-table-missing',
    step: 'load-history',
    meaning: 'the base release does not create a table of ledger.source (the rehearsal never creates one)',
  },
  {
    id: 'mapped-query-failed',
    step: 'load-history',
    meaning: 'a query of ledger.source does not run on the base release',
  },
  {
    id: 'baseline-not-verifiable',
    step: 'verify-baseline',
    meaning: 'the history does not verify before the upgrade',
  },
  { id: 'history-unreadable', step: 'verify-after', meaning: 'the ledger cannot be read after the upgrade' },
  { id: 'anchors-changed', step: 'compare', meaning: 'fewer anchors verify (or exist) after the upgrade' },
  {
    id: 'service-start-failed',
    step: 'service',
    meaning: 'the candidate service exited or logged no startup event in time',
  },
  { id: 'service-not-healthy', step: 'service', meaning: 'the health path did not answer 200 in time' },
  {
    id: 'service-not-ready',
    step: 'service',
    meaning: 'the ready path did not answer 200 after the upgrade',
  },
  {
    id: 'service-probe-failed',
    step: 'service',
    meaning: "a probe of service.json (e.g. the release's new endpoint) answered another status",
  },
  {
    id: 'service-release-mismatch',
    step: 'service',
    meaning: "the startup event's release artifact differs from release.json",
  },
] as const;
