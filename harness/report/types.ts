export type Level = 'error' | 'warning' | 'info';

export const FORMATS = ['text', 'json', 'markdown', 'junit', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * One thing a command found. `id` is a permanent kebab-case rule or check id; `level: 'error'`
 * findings are what make a run FAIL. Location fields are optional; set every one that applies.
 */
export interface Finding {
  id: string;
  level: Level;
  /** e.g. breaking | additive | non-breaking, or a record outcome code. */
  class?: string;
  message: string;
  file?: string;
  /** 1-based line and column in `file`, where known (SARIF regions, GitHub annotations). */
  line?: number;
  column?: number;
  path?: string;
  method?: string;
  pointer?: string;
  seq?: number;
  kid?: string;
  /** Groups findings in text/markdown output (defaults to "METHOD path" or the id). */
  group?: string;
}

/** A check that ran, pass or fail: listed in JUnit so a green run still shows what it covered. */
export interface CheckResult {
  id: string;
  name: string;
  pass: boolean;
  skipped?: boolean;
  message?: string;
  durationMs?: number;
}

export interface Report {
  /** CLI command that made it, e.g. `check-openapi`. */
  command: string;
  /** One line for humans: "API contract check: breaking (3 changes)". */
  title: string;
  /** PASS (exit 0) or FAIL (exit 1). Errors that prevent a verdict are thrown, never reported as PASS. */
  pass: boolean;
  /**
   * The machine-readable body (the JSON report minus `digest` and `timings`). Must be built
   * deterministically: same inputs, same body, byte for byte.
   */
  body: Record<string, unknown>;
  findings: Finding[];
  checks?: CheckResult[];
  /** Extra lines shown in text/markdown (e.g. applied exceptions, provider). Deterministic too. */
  notes?: string[];
  /**
   * What each finding id means, for SARIF rule descriptors (`fullDescription`, `help`): GitHub code
   * scanning requires both. Ids without an entry get a generic description naming the command.
   */
  rules?: Record<string, RuleText>;
  /** The file a finding without its own `file` is about (SARIF/GitHub need a physical location). */
  artifact?: string;
  /** Wall-clock figures: kept out of the digest, omitted entirely with --deterministic. */
  timings?: Record<string, number>;
  /** Which implementations ran (e.g. the Ed25519 engine): like timings, out of the digest and --deterministic. */
  engine?: Record<string, string>;
}

/** Human text of one rule or check id. */
export interface RuleText {
  /** One or two sentences: what the rule finds and why it matters. */
  description: string;
  /** What to do about a finding (plain text; Markdown allowed in `helpMarkdown`). */
  help?: string;
  /** The docs page that explains it (a path inside the package's docs/, or a URL). */
  doc?: string;
}
