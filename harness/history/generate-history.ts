import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signCheckpoint } from '../lineage/checkpoint.js';
import { MerkleBuilder } from '../lineage/merkle-builder.js';
import { keyBindingDigest, type KeyBinding } from '../proofs/key-binding.js';
import { historyRecords } from './generate-records.js';
import { historyMaterial } from './material.js';
import { resolveHistoryOptions, type HistoryOptions } from './options.js';

export interface GenerateHistoryOptions extends HistoryOptions {
  /** Bundle folder to write (created when missing; its four bundle files are replaced). */
  out: string;
}

export interface GeneratedHistory {
  out: string;
  origin: string;
  records: number;
  anchors: number;
  keys: KeyBinding[];
  noteKeys: string[];
  keyBindingDigest: string;
  /** Hex content root at each anchor size, ascending. */
  roots: { treeSize: number; root: string }[];
}

// Same bytes as the bundle module's stable JSON (sorted keys, 2-space indent, final newline).
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
const stableJson = (v: unknown) => JSON.stringify(sortDeep(v), null, 2) + '\n';

/**
 * Writes a deterministic bundle (DESIGN §3): the same options give byte-identical files. Records
 * stream to disk, and anchor roots come from one streaming Merkle pass, so memory stays flat.
 */
export async function generateHistory(options: GenerateHistoryOptions): Promise<GeneratedHistory> {
  const o = resolveHistoryOptions(options);
  const m = historyMaterial(o);
  await mkdir(options.out, { recursive: true });
  const tmp = (name: string) => join(options.out, `.${name}.tmp`);
  const records = createWriteStream(tmp('records.jsonl'));
  const tree = new MerkleBuilder();
  const anchors: string[] = [];
  const roots: { treeSize: number; root: string }[] = [];
  try {
    for (const r of historyRecords(o, m)) {
      if (!records.write(`${JSON.stringify({ seq: r.seq, jws: r.jws })}\n`)) await once(records, 'drain');
      tree.push(r.leaf);
      if (o.anchorEvery > 0 && tree.size % o.anchorEvery === 0) {
        const rootHash = tree.root();
        const checkpoint = signCheckpoint({ origin: o.origin, treeSize: tree.size, rootHash }, m.noteSigner);
        anchors.push(`${JSON.stringify({ treeSize: tree.size, checkpoint })}\n`);
        roots.push({ treeSize: tree.size, root: Buffer.from(rootHash).toString('hex') });
      }
    }
    records.end();
    await once(records, 'finish');
  } catch (e) {
    records.destroy();
    await rm(tmp('records.jsonl'), { force: true });
    throw e;
  }
  await rename(tmp('records.jsonl'), join(options.out, 'records.jsonl'));
  await writeFile(join(options.out, 'anchors.jsonl'), anchors.join(''));
  await writeFile(join(options.out, 'keys.jwks.json'), stableJson({ keys: m.bindings }));
  await writeFile(
    join(options.out, 'manifest.json'),
    stableJson({ format: 'proofgate-bundle/1', origin: o.origin, noteKeys: [m.noteVkey] }),
  );
  return {
    out: options.out,
    origin: o.origin,
    records: o.records,
    anchors: anchors.length,
    keys: m.bindings,
    noteKeys: [m.noteVkey],
    keyBindingDigest: keyBindingDigest(m.bindings),
    roots,
  };
}
