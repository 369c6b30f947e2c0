import { Type, type Static, type TObject, type TOptional } from '@sinclair/typebox';
import { conformanceSection } from './conformance.js';
import { databaseSection } from './database.js';
import { freezeSection } from './freeze.js';
import { gateSection } from './gate.js';
import { ledgerSection } from './ledger.js';
import { migrationsSection } from './migrations.js';
import { openapiSection } from './openapi.js';
import { proofsSection } from './proofs.js';
import { rehearsalSection } from './rehearsal.js';
import { releaseClassSection } from './release-class.js';
import { releaseSection } from './release.js';
import { runnerSection } from './runner.js';
import type { ConfigSection } from './section.js';
import { selectionSection } from './selection.js';

// To add a section: one file here (defineSection), one entry below. The docs
// (docs/configuration.md) are generated from these schemas and a test keeps them in step.
const SECTIONS_BY_KEY = {
  openapi: openapiSection,
  freeze: freezeSection,
  conformance: conformanceSection,
  database: databaseSection,
  proofs: proofsSection,
  ledger: ledgerSection,
  migrations: migrationsSection,
  rehearsal: rehearsalSection,
  release: releaseSection,
  selection: selectionSection,
  runner: runnerSection,
  releaseClass: releaseClassSection,
  gate: gateSection,
} as const;

type Sections = typeof SECTIONS_BY_KEY;

export const CONFIG_SECTIONS: readonly ConfigSection[] = Object.values(SECTIONS_BY_KEY) as ConfigSection[];

/** The whole proofgate.config: every section optional, no other top-level key. */
export const ProofgateConfigSchema = Type.Object(
  Object.fromEntries(Object.entries(SECTIONS_BY_KEY).map(([k, s]) => [k, Type.Optional(s.schema)])) as {
    -readonly [K in keyof Sections]: TOptional<Sections[K]['schema']>;
  },
  { additionalProperties: false },
) satisfies TObject;

export type ProofgateConfig = Static<typeof ProofgateConfigSchema>;
export type SectionKey = keyof Sections;
/** The validated type of one section, e.g. `SectionConfig<'gate'>`. */
export type SectionConfig<K extends SectionKey> = Static<Sections[K]['schema']>;

export { DATABASE_PROVIDERS } from './database.js';
export type { ConfigSection } from './section.js';
