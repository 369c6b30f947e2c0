import { RULES } from './rules/index.js';

const INTRO = `# check-openapi rules

Generated from \`RULES\` (\`harness/snapshots/rules/\`) by \`harness/snapshots/rules-doc.ts\`; the test
\`rules-doc.test.ts\` fails when this file is stale (regenerate with \`PROOFGATE_UPDATE_DOCS=1 npx vitest run harness/snapshots/rules-doc.test.ts\`).

## How changes are classified

- **breaking**: an existing client can observe it (fails the gate, exit 1). oasdiff's ERR and WARN
  ("possibly breaking") both count as breaking: the gate fails closed.
- **additive**: new endpoints, new optional inputs, new response fields, new optional headers, a new
  \`/v2/...\` beside an untouched v1, request constraints loosened.
- **non-breaking**: documentation, examples, annotations, refactors that keep the meaning.

Direction decides: a request schema is what the server accepts (tightening breaks callers, loosening is
additive); a response schema is what clients rely on (loosening it - wider type, new enum value,
nullable, fewer required properties - breaks them; tightening it is non-breaking).

Compared by meaning, not text: \`$ref\` vs inline, renamed components, renamed path parameters
(\`/a/{id}\` = \`/a/{proofId}\`), key order, YAML vs JSON and equivalent \`allOf\` are not changes.
\`$ref\` cycles are compared pair by pair, once, without unrolling. A change inside a shared component
is reported once per kind of use, not once per operation; its message names the component and counts
the other uses, and the JSON report lists every use in \`useSets\` (operation, response or
request body, pointer), so the counts add up.

Where a rule means the same as an oasdiff rule it has oasdiff's id, so results compare one to one
(the oasdiff checker corpus test prints the agreement). Schema rules are named
\`<scope>-<change>\`, with scope one of \`request-body\`, \`request-property\`, \`request-parameter\`,
\`request-parameter-property\`, \`request-header-property\`, \`response-body\`, \`response-property\`,
\`response-header\`, \`response-header-property\`.

## Seed-policy categories

Each is an extra finding beside the underlying rule, naming the category in its message:

| id | category |
| --- | --- |
| \`response-envelope-changed\` | response envelope shape (breaking change at the body root or a top-level member) |
| \`error-code-mapping-changed\` | stable error-code mapping: error statuses added/removed, enum/const changes of \`code\`-like fields |
| \`pagination-contract-changed\` | pagination contract: cursor/limit parameters and cursor/has_more fields |
| \`idempotency-conflict-status-changed\` | idempotency: the Idempotency-Key header, and the 409/422 conflict status added or removed, of operations that take it |
| \`idempotency-conflict-body-changed\` | idempotency: a breaking change in the 409/422 conflict response body of operations that take an Idempotency-Key |
| \`auth-security-requirement-changed\` | auth: security requirements removed, scopes added, a first requirement added |
| \`auth-signature-header-changed\` | required request headers and auth/signature headers (Authorization, Signature, Signature-Input, digests) |

## Lifecycle

\`deprecated\`, \`x-sunset\` (YYYY-MM-DD or RFC 3339) and \`x-stability-level\` (draft < alpha < beta <
stable; unlabeled = stable). Removing a deprecated operation/parameter is non-breaking only once its
sunset has passed; the date comes from \`--date\` (\`DiffOptions.date\`), never from the clock. Without a
date, a removal before a declared sunset cannot be ruled out and is breaking. Changes inside draft or
alpha operations are reported as \`unstable-operation-changed\` (non-breaking).

## Rules
`;

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rule table, one row per rule id, sorted by family then id. */
export function renderRulesDoc(): string {
  const rows = [...RULES].sort((a, b) =>
    a.family === b.family ? (a.id < b.id ? -1 : 1) : a.family < b.family ? -1 : 1,
  );
  const lines = [
    `${RULES.length} rules.`,
    '',
    '| id | class | family | rationale |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.id}\` | ${r.class} | ${r.family} | ${cell(r.rationale)} |`),
  ];
  return `${INTRO}\n${lines.join('\n')}\n`;
}
