// Every check and rail has a permanent kebab-case id: reports, JUnit and docs/conformance.md use them.

export interface CheckInfo {
  id: string;
  name: string;
  kind: 'check' | 'rail';
}

export const CHECKS = [
  { id: 'status-documented', kind: 'check', name: 'every response status is declared for its operation' },
  {
    id: 'content-type-documented',
    kind: 'check',
    name: 'every response media type is declared for its status',
  },
  { id: 'required-headers-present', kind: 'check', name: 'every required response header is sent' },
  { id: 'header-schema', kind: 'check', name: 'response headers match their declared schemas' },
  {
    id: 'response-schema',
    kind: 'check',
    name: 'response bodies validate against their schema (ajv, no coercion)',
  },
  { id: 'response-undeclared-property', kind: 'check', name: 'response bodies carry no undeclared property' },
  { id: 'no-server-error', kind: 'check', name: 'no request is answered with a 5xx' },
  { id: 'example-accepted', kind: 'check', name: "the spec's own request examples are accepted (2xx)" },
  {
    id: 'invalid-input-rejected',
    kind: 'check',
    name: 'an invalid request gets a documented 4xx, never 2xx/5xx',
  },
  {
    id: 'error-envelope',
    kind: 'check',
    name: "every 4xx/5xx body follows the contract's error model (problem+json or envelope; identity at its JSON pointer)",
  },
  {
    id: 'error-code-stable',
    kind: 'check',
    name: 'the same failure gets the same status and error identity',
  },
  {
    id: 'pagination-walk',
    kind: 'check',
    name: 'pages (token, cursor or Link): no duplicates, no gaps, stable order, opaque token, size bounds',
  },
  {
    id: 'idempotency-replay',
    kind: 'check',
    name: 'same idempotency key + same body replays the identical response',
  },
  {
    id: 'idempotency-conflict',
    kind: 'check',
    name: 'same idempotency key + different body is a documented conflict',
  },
  {
    id: 'signature-header',
    kind: 'check',
    name: 'the response signature (detached JWS or RFC 9421) verifies over the exact body bytes',
  },
  {
    id: 'operation-not-exercised',
    kind: 'check',
    name: 'every operation with a documented 2xx answered 2xx at least once (coverage)',
  },
  { id: 'scope-lattice-monotonic', kind: 'rail', name: 'granting more scopes never takes access away' },
  {
    id: 'scope-least-privilege',
    kind: 'rail',
    name: 'a token without an operation’s documented scopes is refused (403)',
  },
  { id: 'tenant-isolation', kind: 'rail', name: "tenant A's credentials never reveal tenant B's data" },
  {
    id: 'deterministic-reason',
    kind: 'rail',
    name: 'equivalent failures get the same status and code in any order or route',
  },
] as const satisfies readonly CheckInfo[];

export type CheckId = (typeof CHECKS)[number]['id'];

export const CHECK_IDS: readonly CheckId[] = CHECKS.filter((c) => c.kind === 'check').map((c) => c.id);
export const RAIL_IDS: readonly CheckId[] = CHECKS.filter((c) => c.kind === 'rail').map((c) => c.id);

export function checkName(id: string): string {
  return CHECKS.find((c) => c.id === id)?.name ?? id;
}
