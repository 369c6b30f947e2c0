import { operationOf, type ExceptionOutcome } from '../exceptions/index.js';
import type { CheckResult, Finding, Report, RuleText } from '../report/types.js';
import { RULES, type Change, type ChangeClass } from '../snapshots/index.js';

export interface OpenApiReportInput {
  verdict: ChangeClass;
  changes: readonly Change[];
  outcomes: readonly ExceptionOutcome[] | undefined;
  exceptionsFile: string | undefined;
  date: string;
  base: string;
  candidate: string;
  timings?: Record<string, number>;
  /** Where each change (by index) sits in a spec file, when the caller asked for locations. */
  locations?: Map<number, { file: string; line: number; column: number }>;
}

/**
 * The check-openapi report. JSON body: `{ verdict, changes, exceptions?, date }`: `changes` in the
 * diff's deterministic order, each exactly `{id, class, path, method, pointer, message}` plus
 * `exception` when an accepted exception covers it (its class stays `breaking`). No file paths or
 * clock time in the body, so the same specs give the same digest anywhere.
 */
export function buildOpenApiReport(input: OpenApiReportInput): Report {
  const { verdict, changes, outcomes, date } = input;
  const acceptedBy = new Map<number, ExceptionOutcome>();
  for (const o of outcomes ?? []) for (const i of o.accepted) acceptedBy.set(i, o);

  // Uses of shared components are listed once per set (findings of one component share it).
  const useSets = new Map<readonly unknown[], number>();
  const bodyChanges = changes.map((c, i) => {
    const row: Record<string, unknown> = {
      id: c.id,
      class: c.class,
      path: c.path,
      method: c.method,
      pointer: c.pointer,
      message: c.message,
    };
    // A change in a shared component names every other use, in full (counts add up to it).
    if (c.uses !== undefined) {
      let n = useSets.get(c.uses);
      if (n === undefined) useSets.set(c.uses, (n = useSets.size));
      row.where = c.where;
      row.uses = `#/useSets/${n}`;
    }
    const o = acceptedBy.get(i);
    if (o !== undefined) {
      row.exception = {
        entry: `#/exceptions/${o.entry.index}`,
        reason: o.entry.reason,
        approver: o.entry.approver,
        expires: o.entry.expires,
      };
    }
    return row;
  });

  const findings: Finding[] = changes.map((c, i) => {
    const o = acceptedBy.get(i);
    const finding: Finding = {
      id: c.id,
      level: c.class === 'breaking' && o === undefined ? 'error' : 'info',
      class: o === undefined ? c.class : 'breaking (accepted)',
      message:
        o === undefined
          ? c.message
          : `${c.message} — accepted by exception #/exceptions/${o.entry.index} (${o.entry.reason}; approved by ${o.entry.approver}; expires ${o.entry.expires})`,
      pointer: c.pointer,
      group: groupOf(c),
    };
    if (c.path !== '') finding.path = c.path;
    if (c.method !== '') finding.method = c.method;
    const at = input.locations?.get(i);
    if (at !== undefined) Object.assign(finding, at);
    return finding;
  });

  const checks: CheckResult[] = [];
  const notes: string[] = [];
  for (const o of outcomes ?? []) {
    const e = o.entry;
    const where = { file: input.exceptionsFile ?? 'exceptions', pointer: `/exceptions/${e.index}` };
    const what = `${e.id} ${e.operation} #${e.pointer}`;
    if (o.status === 'applied') {
      const text = `${what}: accepted ${o.accepted.length} breaking change${o.accepted.length === 1 ? '' : 's'} (${e.reason}; approved by ${e.approver}; expires ${e.expires})`;
      findings.push({
        id: 'exception-applied',
        level: 'info',
        class: 'exception',
        message: text,
        ...where,
        group: 'accepted exceptions',
      });
      checks.push({ id: 'exception-applied', name: `accepted by exception: ${text}`, pass: true });
      notes.push(`exception applied: ${text}`);
    } else if (o.status === 'expired') {
      findings.push({
        id: 'exception-expired',
        level: 'error',
        class: 'exception',
        message: `${what} expired on ${e.expires} (compared on ${date}); renew it with a new review or fix the change`,
        ...where,
        group: 'accepted exceptions',
      });
    } else {
      findings.push({
        id: 'exception-unused',
        level: 'error',
        class: 'exception',
        message: `${what} is unused: ${o.detail ?? 'nothing matches it'}; remove it from the file`,
        ...where,
        group: 'accepted exceptions',
      });
    }
  }

  const count = (k: ChangeClass) => changes.filter((c) => c.class === k).length;
  const applied = (outcomes ?? []).filter((o) => o.status === 'applied');
  const stale = (outcomes ?? []).filter((o) => o.status !== 'applied').length;
  const acceptedCount = acceptedBy.size;
  const ids = [...new Set(applied.map((o) => o.entry.id))].join(', ');
  const breakingText = acceptedCount
    ? `${count('breaking')} breaking [${acceptedCount} accepted by exception: ${ids}]`
    : `${count('breaking')} breaking`;
  let title = `API contract check: ${verdict} — ${changes.length} change${changes.length === 1 ? '' : 's'} (${breakingText}, ${count('additive')} additive, ${count('non-breaking')} non-breaking)`;
  if (stale) title += `; ${stale} expired or unused exception${stale === 1 ? '' : 's'}`;
  notes.unshift(`compared ${input.base} (base) with ${input.candidate} (candidate) on ${date}`);

  const body: Record<string, unknown> = { verdict, changes: bodyChanges };
  if (useSets.size > 0) body.useSets = [...useSets.keys()];
  if (outcomes !== undefined) {
    body.exceptions = outcomes.map((o) => ({
      id: o.entry.id,
      operation: o.entry.operation,
      pointer: o.entry.pointer,
      reason: o.entry.reason,
      approver: o.entry.approver,
      expires: o.entry.expires,
      status: o.status,
      accepted: o.accepted.length,
    }));
  }
  body.date = date;

  return {
    command: 'check-openapi',
    title,
    pass: verdict !== 'breaking' && stale === 0,
    body,
    findings,
    checks,
    notes,
    rules: ruleTexts(findings.map((f) => f.id)),
    artifact: input.candidate,
    ...(input.timings ? { timings: input.timings } : {}),
  };
}

/** Text and markdown group findings by operation: "GET /v1/proofs", or "document" for the rest. */
function groupOf(c: Pick<Change, 'path' | 'method'>): string {
  const op = operationOf(c);
  return op === '*' ? 'document' : op;
}

const EXCEPTION_TEXT: Record<string, RuleText> = {
  'exception-applied': {
    description: 'A reviewed exception accepted a breaking change.',
    help: 'Nothing to do until it expires; then fix the change or renew the exception with a new review.',
    doc: 'docs/check-openapi.md',
  },
  'exception-expired': {
    description:
      'An accepted exception is past its expiry date: the breaking change it covered counts again.',
    help: 'Fix the change, or renew the exception with a new reason, approver and expiry.',
    doc: 'docs/check-openapi.md',
  },
  'exception-unused': {
    description: 'An accepted exception matches no change: stale entries hide nothing and must go.',
    help: 'Remove the entry from the exceptions file.',
    doc: 'docs/check-openapi.md',
  },
};

/** Rule descriptions and help for SARIF (GitHub code scanning needs both for every rule). */
function ruleTexts(ids: readonly string[]): Record<string, RuleText> {
  const out: Record<string, RuleText> = {};
  for (const id of new Set(ids)) {
    const r = RULES.find((x) => x.id === id);
    if (r) {
      out[id] = {
        description: `${r.rationale} (${r.class}; rule family ${r.family})`,
        help:
          r.class === 'breaking'
            ? 'Existing clients can observe this change. Keep v1 compatible (restore the previous behaviour), ship the change in a new API version beside v1, or accept it with a reviewed exception (rule id, operation, pointer, reason, approver, expiry).'
            : `A${r.class === 'additive' ? 'n additive' : ' non-breaking'} change: reported for review, it does not fail the gate.`,
        doc: 'docs/check-openapi-rules.md',
      };
    } else if (EXCEPTION_TEXT[id]) out[id] = EXCEPTION_TEXT[id];
  }
  return out;
}
