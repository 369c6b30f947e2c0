import {
  writeBundle,
  type BundleAnchor,
  type BundleRecord,
  type KeyBinding as BundleKeyBinding,
} from '../bundle/index.js';
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

/**
 * Writes a deterministic bundle (DESIGN §3): the same options give byte-identical files. Records
 * stream to disk, and anchor roots come from one streaming Merkle pass, so memory stays flat.
 */
export async function generateHistory(options: GenerateHistoryOptions): Promise<GeneratedHistory> {
  const o = resolveHistoryOptions(options);
  const m = historyMaterial(o);
  const tree = new MerkleBuilder();
  const anchors: BundleAnchor[] = [];
  const roots: { treeSize: number; root: string }[] = [];
  // writeBundle drains the records before it reads the anchors, so the anchors (made from the
  // streaming tree in the same pass) are all there by then.
  function* records(): Generator<BundleRecord> {
    for (const r of historyRecords(o, m)) {
      yield { seq: r.seq, jws: r.jws };
      tree.push(r.leaf);
      if (o.anchorEvery > 0 && tree.size % o.anchorEvery === 0) {
        const rootHash = tree.root();
        const checkpoint = signCheckpoint({ origin: o.origin, treeSize: tree.size, rootHash }, m.noteSigner);
        anchors.push({ treeSize: tree.size, checkpoint });
        roots.push({ treeSize: tree.size, root: Buffer.from(rootHash).toString('hex') });
      }
    }
  }
  await writeBundle(options.out, {
    origin: o.origin,
    noteKeys: [m.noteVkey],
    keys: m.bindings as unknown as BundleKeyBinding[],
    records: records(),
    anchors,
  });
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
