import type { Delta } from '../diff/types.js';
import type { Change, ChangeClass, ChangeUse, DiffOptions, RuleInfo } from '../types.js';
import { rule, type Judgement, type RuleFamily } from './define.js';
import { encoding } from './encoding.js';
import { endpoints } from './endpoints.js';
import { enums } from './enums.js';
import { envelope } from './envelope.js';
import { errorCodes } from './error-codes.js';
import { idempotency } from './idempotency.js';
import { lifecycle } from './lifecycle.js';
import { mediaTypes } from './media-types.js';
import { pagination } from './pagination.js';
import { parameters } from './parameters.js';
import { requestBody } from './request-body.js';
import { requestSchema } from './request-schema.js';
import { responseHeaders } from './response-headers.js';
import { responseSchema } from './response-schema.js';
import { responseStatus } from './response-status.js';
import { security } from './security.js';
import { signatureHeaders } from './signature-headers.js';

/** Order matters only for judges: the first family that applies decides. */
export const FAMILIES: readonly RuleFamily[] = [
  lifecycle,
  endpoints,
  security,
  encoding,
  requestBody,
  mediaTypes,
  responseStatus,
  parameters,
  enums,
  requestSchema,
  responseSchema,
  responseHeaders,
  envelope,
  errorCodes,
  pagination,
  idempotency,
  signatureHeaders,
];

const unstableChange = rule(
  'lifecycle',
  'unstable-operation-changed',
  'non-breaking',
  'Draft and alpha operations (x-stability-level) carry no compatibility promise; their changes are reported but never gate.',
);
const fallback = rule(
  'core',
  'unclassified-change',
  'breaking',
  'A difference no rule judges is treated as breaking: the gate fails closed.',
);

function buildRules(): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const f of FAMILIES) {
    for (const r of f.rules) {
      const prev = byId.get(r.id);
      if (prev && prev.class !== r.class)
        throw new Error(`rule ${r.id} defined twice with different classes`);
      if (!prev) byId.set(r.id, r);
    }
  }
  byId.set(fallback.id, fallback);
  byId.set(unstableChange.id, unstableChange);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const RULES: readonly RuleInfo[] = buildRules();
const CLASS = new Map<string, ChangeClass>(RULES.map((r) => [r.id, r.class]));

export function classOf(id: string): ChangeClass {
  const c = CLASS.get(id);
  if (c === undefined) throw new Error(`internal: rule id ${id} is not registered in RULES`);
  return c;
}

/** Judges every delta: one base finding per delta, plus the seed-policy findings naming a category. */
export function judgeDeltas(deltas: readonly Delta[], options: DiffOptions): Change[] {
  const out: Change[] = [];
  const push = (d: Delta, j: Judgement) => {
    const c: Change = {
      id: j.id,
      class: classOf(j.id),
      path: d.path,
      method: d.method,
      pointer: d.pointer,
      message: j.message,
    };
    const uses = d.facts?.['uses'];
    if (Array.isArray(uses) && uses.length > 1) {
      c.where = String(d.facts?.['where'] ?? '');
      c.uses = uses as ChangeUse[];
    }
    out.push(c);
  };
  for (const d of deltas) {
    let j: Judgement | null | undefined;
    for (const f of FAMILIES) {
      if (!f.judge) continue;
      j = f.judge(d, options);
      if (j !== undefined) break;
    }
    if (j === null) continue;
    if (j === undefined)
      j = {
        id: fallback.id,
        message: `${d.scope} \`${d.subject}\`: ${d.change.replace(/-/g, ' ')} (no rule judges this difference; treated as breaking)`,
      };
    const unstable = d.facts?.['unstable'];
    if (typeof unstable === 'string' && classOf(j.id) !== 'non-breaking') {
      // Draft/alpha operations promise nothing (x-stability-level): reported, never gating.
      j = {
        id: unstableChange.id,
        message: `${j.message} [${j.id}; x-stability-level ${unstable}: no compatibility promise]`,
      };
    }
    const uses = d.facts?.['uses'];
    if (Array.isArray(uses) && uses.length > 1 && d.pointer.startsWith('/components/'))
      j = sharedMessage(d, j, uses as ChangeUse[]);
    push(d, j);
    const base = { id: j.id, class: classOf(j.id) };
    for (const f of FAMILIES) {
      const p = f.policy?.(d, base, options);
      if (p) push(d, p);
    }
  }
  return out;
}

/** Names the component and counts its other uses; the counts add up to the report's use set. */
function sharedMessage(d: Delta, j: Judgement, all: readonly ChangeUse[]): Judgement {
  const where = String(d.facts?.['where']);
  const uses = all.filter((u) => !(u.method === d.method && u.path === d.path && u.where === where));
  const name = d.pointer.split('/').slice(0, 4).join('/');
  const here = uses.filter((u) => u.method === d.method && u.path === d.path).length;
  const elsewhere = uses.length - here;
  const ops = new Set(
    uses.filter((u) => u.method !== d.method || u.path !== d.path).map((u) => `${u.method} ${u.path}`),
  ).size;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const parts = [
    ...(elsewhere > 0 ? [`${elsewhere} in ${plural(ops, 'other operation')}`] : []),
    ...(here > 0 ? [`${here} more in this operation`] : []),
  ];
  const more =
    uses.length > 0 ? `; also used at ${plural(uses.length, 'other place')}: ${parts.join(', ')}` : '';
  return {
    id: j.id,
    message: `${j.message} (in shared component \`${name}\`, at ${where}${more})`,
  };
}
