/**
 * proofgate.config.{json,mjs,js,ts}: every command reads it; CLI flags override it.
 * Paths are relative to the config file's folder.
 */
export interface ProofgateConfig {
  openapi?: {
    /** The frozen contract the candidate is checked against (default: contracts/v1/openapi.yaml). */
    base?: string;
    /** The candidate spec (default: the service's current spec). */
    candidate?: string;
    /** Reviewed accepted-exceptions file (rule id + operation + pointer, reason, approver, expiry). */
    exceptions?: string;
    /** Largest spec file accepted, in bytes (default 50 MiB). */
    maxBytes?: number;
    /** Largest number of YAML alias expansions accepted (default 10 000). */
    maxAliases?: number;
  };
  database?: {
    /** Bring-your-own Postgres: proofgate creates and drops its own database there. */
    url?: string;
    /** The production Postgres major version; a different server major is a FAIL (default 15). */
    targetMajor?: number;
    /** Force one provider instead of the url → testcontainers → embedded chain. */
    provider?: 'auto' | 'url' | 'testcontainers' | 'embedded';
    /** Schema of the ledger tables that verify-proofs reads (default `public`; never the search_path). */
    schema?: string;
    /** Longest wait for a table lock when reading the ledger, in ms (default 10 000). */
    lockTimeoutMs?: number;
    /** Longest run of one ledger metadata query, in ms (default 120 000; record streams: lock timeout only). */
    statementTimeoutMs?: number;
  };
  proofs?: {
    /** Offline bundle to verify (folder with manifest.json, keys.jwks.json, records.jsonl, anchors.jsonl). */
    bundle?: string;
    /** Worker threads used for signature verification (default: available cores). */
    workers?: number;
  };
  freeze?: {
    /** The spec `proofgate freeze` freezes (default fixtures/service/openapi.yaml). */
    spec?: string;
    /** The frozen version folder (default contracts/v1). */
    dir?: string;
    /** Pin: the sha256 the frozen snapshot must keep (catches a re-freeze of all four files). */
    sha256?: string;
  };
  migrations?: {
    /** Migration checksum lock file (default: migrations.lock.json beside the config). */
    lock?: string;
  };
  /** `proofgate rehearse` defaults (docs/rehearsal.md); flags win. */
  rehearsal?: {
    /** Release in production: a folder relative to this file, or `git:REF:PATH`. */
    base?: string;
    /** Release to upgrade to (same forms). */
    candidate?: string;
    /** History bundle folder; or `generate` seeded records (default 1000). */
    history?: string;
    generate?: number;
  };
  conformance?: {
    /** The contract conformance runs (default contracts/v1/openapi.yaml). */
    spec?: string;
    /** App factory module `path/to/module.js#export` (default: the reference service). */
    app?: string;
    /** A running service instead of an app; the token comes from PROOFGATE_TOKEN. */
    baseUrl?: string;
    /** Generated valid inputs per operation (default 10). */
    runs?: number;
  };
  [section: string]: unknown;
}

/** Typed helper for `proofgate.config.ts` / `.mjs`: `export default defineConfig({ ... })`. */
export function defineConfig(config: ProofgateConfig): ProofgateConfig {
  return config;
}
