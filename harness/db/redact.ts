// One place that masks credentials in everything proofgate writes: stdout/stderr, every report
// format, the release folder's logs, the changelog and $GITHUB_STEP_SUMMARY. Masking is by form
// (URL userinfo, `password=` in a URL query or a libpq conninfo, `PGPASSWORD=`-style variables,
// Authorization headers) and by value: a password seen in a URL is remembered and masked wherever
// it shows up later (an error message that quotes it, a percent-encoded copy).

const MASK = '***';

/** Credential-like names end in one of these: password, PGPASSWORD, sslpassword, api_key, GITHUB_TOKEN (not TOKEN_TTL). */
const KEY = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|credentials?)`;
/** Shorter values are not remembered: masking them everywhere would garble digests and numbers. */
const MIN_SECRET = 6;

const PATTERNS: [RegExp, string][] = [
  // scheme://user:password@host: everything between the first ':' of the userinfo and the last '@'.
  [/([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"'<>]*):([^\s/?#"'<>]*)@/gi, `$1:${MASK}@`],
  // key=value in a URL query, a conninfo string or an env listing; quoted conninfo values too.
  [
    new RegExp(String.raw`\b(${KEY})(\s*=\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s&;,"'<>]+)`, 'gi'),
    `$1$2${MASK}`,
  ],
  // "password": "value" in JSON (a config echoed into a message).
  [new RegExp(String.raw`("${KEY}"\s*:\s*)"(?:[^"\\]|\\.)*"`, 'gi'), `$1"${MASK}"`],
  // Authorization: Bearer <token> / Basic <b64>.
  [/\b((?:proxy-)?authorization\s*[:=]\s*)((?:bearer|basic|token|digest)\s+)?[^\s"'<>,]+/gi, `$1$2${MASK}`],
];

const KEY_RE = new RegExp(`^${KEY}$`, 'i');
/**
 * Every pattern above needs one of these in the text (`://` for userinfo, a credential-like word
 * for the others): one cheap scan lets the many plain strings of a large report skip them all.
 */
const MAY_HOLD = /:\/\/|password|passwd|passphrase|secret|token|api[_-]?key|credential|authorization/i;
const known = new Set<string>();
/** `known`, longest first (so a secret containing another is masked whole); rebuilt on register. */
let longestFirst: string[] = [];

/**
 * Secret-looking: long enough and of two character classes at least. A weak value (`postgres`,
 * `password`) is still masked in its forms above, but masking it everywhere would garble reports.
 */
function secretLooking(v: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return v.length >= MIN_SECRET && classes >= 2 && !v.includes(MASK);
}

/** Remembers a secret value so every later redaction masks it wherever it appears. */
export function registerSecret(value: string | undefined): void {
  if (value === undefined || !secretLooking(value)) return;
  known.add(value);
  try {
    const decoded = decodeURIComponent(value);
    if (secretLooking(decoded)) known.add(decoded);
  } catch {
    // not percent-encoded
  }
  known.add(encodeURIComponent(value));
  longestFirst = [...known].sort((a, b) => b.length - a.length);
}

/** Remembers the passwords in a database URL (userinfo and `password=` query parameter). */
export function registerUrlSecrets(url: string | undefined): void {
  if (url === undefined) return;
  try {
    const u = new URL(url);
    if (u.password) registerSecret(u.password);
    // Raw (as typed, maybe percent-encoded) and decoded values both.
    for (const m of u.search.matchAll(/[?&]([^=&#]+)=([^&#]*)/g))
      if (KEY_RE.test(decodeURIComponent(m[1]!))) registerSecret(m[2]);
  } catch {
    // not a URL: the patterns still mask its forms
  }
}

/** Remembers credential-like variables of an environment (PGPASSWORD, *_SECRET, URLs with passwords). */
export function registerEnvSecrets(env: NodeJS.ProcessEnv): void {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (KEY_RE.test(k)) registerSecret(v);
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) registerUrlSecrets(v);
  }
}

/** The text with every credential masked. Idempotent. */
export function redactSecrets(text: string): string {
  let out = text;
  if (MAY_HOLD.test(out)) for (const [re, to] of PATTERNS) out = out.replace(re, to);
  for (const s of longestFirst) {
    if (out.includes(s)) out = out.split(s).join(MASK);
  }
  return out;
}

/** A deep copy with every string masked, and any string under a credential-like key replaced. */
export function redactDeep<T>(value: T): T {
  return walk(value, undefined) as T;
}

function walk(v: unknown, key: string | undefined): unknown {
  if (typeof v === 'string')
    return key !== undefined && KEY_RE.test(key) && v !== '' ? MASK : redactSecrets(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, undefined));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
    return out;
  }
  return v;
}

/** A connection URL with its password masked, for messages and logs. */
export function redactUrl(url: string): string {
  registerUrlSecrets(url);
  try {
    const u = new URL(url);
    if (u.password) u.password = MASK;
    for (const k of [...u.searchParams.keys()]) if (KEY_RE.test(k)) u.searchParams.set(k, MASK);
    return redactSecrets(u.toString());
  } catch {
    return '<unparseable database URL>';
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
