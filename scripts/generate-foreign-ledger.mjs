#!/usr/bin/env node
// Regenerates fixtures/foreign-ledger/history: the Acme audit ledger (a history proofgate did not
// write) as a bundle (bundle/) and as the team's own load script for its own tables (history.sql).
// Deterministic: keys and signatures derive from the seed (Ed25519 and RFC 6979 ES256), so a
// re-run writes the same bytes. Usage: npm run build && node scripts/generate-foreign-ledger.mjs [RECORDS]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { acmeLedger } = await import(join(root, 'dist/fixtures/foreign-ledger/ledger.js'));
const { acmeSql, writeAcmeBundle } = await import(join(root, 'dist/fixtures/foreign-ledger/write.js'));

const records = Number(process.argv[2] ?? 250);
const out = join(root, 'fixtures/foreign-ledger/history');
const ledger = acmeLedger({ records, anchorEvery: 50 });
await rm(join(out, 'bundle'), { recursive: true, force: true });
await mkdir(out, { recursive: true });
await writeAcmeBundle(join(out, 'bundle'), ledger);
await writeFile(join(out, 'history.sql'), acmeSql(ledger));
console.log(`${records} records, ${ledger.anchors.length} checkpoints, ${ledger.keys.length} keys → ${out}`);
console.log(`note key: ${ledger.noteVkey}`);
