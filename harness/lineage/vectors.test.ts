import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../testing/corpus.js';
import {
  emptyRoot,
  leafHash,
  MerkleBuilder,
  merkleRoot,
  nodeHash,
  parseCheckpoint,
  parseNote,
  parseVkey,
  verifyConsistency,
  verifyInclusion,
  verifyNote,
} from './index.js';

// The shared conformance vectors, read in place. Each suite prints its agreement; 100% is the bar.
const HAVE = hasCorpus('vectors');
const vec = (...p: string[]) => corpusPath('vectors', ...p);
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

function report(name: string, agree: number, total: number): void {
  process.stdout.write(`${name}: ${agree}/${total} (${((100 * agree) / total).toFixed(0)}%)\n`);
}

describe.skipIf(!HAVE)('conformance vectors: lineage', () => {
  it('transparency-dev inclusion + consistency probes agree 100%', () => {
    const root = vec('transparency-dev-merkle', 'testdata');
    const files = [...jsonFiles(join(root, 'inclusion')), ...jsonFiles(join(root, 'consistency'))];
    const disagree: string[] = [];
    for (const f of files) {
      const v = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      const proof = ((v.proof as string[] | null) ?? []).map(b64);
      const res =
        'leafIdx' in v
          ? verifyInclusion(
              b64(v.leafHash as string),
              v.leafIdx as number,
              v.treeSize as number,
              proof,
              b64(v.root as string),
            )
          : verifyConsistency(
              v.size1 as number,
              v.size2 as number,
              proof,
              b64(v.root1 as string),
              b64(v.root2 as string),
            );
      if (res.ok === (v.wantErr as boolean)) disagree.push(`${f}: ${v.desc as string}`);
    }
    report('transparency-dev inclusion+consistency', files.length - disagree.length, files.length);
    expect(files.length).toBe(196);
    expect(disagree).toEqual([]);
  });

  it('RFC 6962 reference hashes and roots 0..8 agree 100% (recursive and streaming)', () => {
    const ref = JSON.parse(readFileSync(vec('merkle-rfc6962-reference.json'), 'utf8')) as {
      basicHashes: { desc: string; want: string; leafHex?: string; leftHex?: string; rightHex?: string }[];
      leafInputsHex: string[];
      leafHashesHex: string[];
      rootsBySizeHex: { treeSize: number; root: string }[];
    };
    let agree = 0;
    let total = 0;
    const check = (got: string, want: string) => {
      total++;
      if (got === want) agree++;
    };
    for (const b of ref.basicHashes) {
      if (b.leftHex !== undefined && b.rightHex !== undefined) {
        check(hex(nodeHash(Buffer.from(b.leftHex, 'hex'), Buffer.from(b.rightHex, 'hex'))), b.want);
      } else if (b.leafHex !== undefined) {
        check(hex(leafHash(Buffer.from(b.leafHex, 'hex'))), b.want);
      } else {
        check(hex(emptyRoot()), b.want);
      }
    }
    const leaves = ref.leafInputsHex.map((h) => leafHash(Buffer.from(h, 'hex')));
    leaves.forEach((l, i) => check(hex(l), ref.leafHashesHex[i] as string));
    const builder = new MerkleBuilder();
    for (const { treeSize, root } of ref.rootsBySizeHex) {
      while (builder.size < treeSize) builder.push(leaves[builder.size] as Uint8Array);
      check(hex(merkleRoot(leaves.slice(0, treeSize))), root);
      check(hex(builder.root()), root);
    }
    report('RFC 6962 reference hashes+roots', agree, total);
    expect(ref.rootsBySizeHex.length).toBe(9);
    expect(agree).toBe(total);
  });

  it('C2SP signed-note and checkpoint examples agree 100%', () => {
    const ex = JSON.parse(readFileSync(vec('c2sp', 'signed-note-checkpoint-examples.json'), 'utf8')) as {
      signedNote: { vkey: string; note: string; negativeDerived: { note: string }[] };
      signedNoteIntroExample: {
        note: string;
        parsed: { text: string; signatures: { keyName: string; keyIdHex: string; sigLen: number }[] };
      };
      checkpoint: {
        note: string;
        parsed: { origin: string; treeSize: string; rootHashB64: string; signatures: { keyIdHex: string }[] };
      };
      cosignedCheckpoint: {
        note: string;
        parsed: { text: string; signatures: { keyName: string; keyIdHex: string; sigLen: number }[] };
      };
    };
    const results: [string, boolean][] = [];
    const sn = ex.signedNote;
    const vk = parseVkey(sn.vkey);
    results.push(['vkey key ID rule', vk.name === 'example.com/foo' && vk.keyIdHex === '530d903a']);
    results.push(['signed note verifies with its vkey', verifyNote(sn.note, [sn.vkey]).ok]);
    for (const n of sn.negativeDerived)
      results.push(['derived negative fails', !verifyNote(n.note, [sn.vkey]).ok]);
    for (const ex2 of [ex.signedNoteIntroExample, ex.cosignedCheckpoint]) {
      const p = parseNote(ex2.note);
      results.push([
        'note parses (text + signatures)',
        p.text === ex2.parsed.text &&
          p.signatures.length === ex2.parsed.signatures.length &&
          p.signatures.every(
            (s, i) =>
              s.keyName === ex2.parsed.signatures[i]?.keyName &&
              s.keyIdHex === ex2.parsed.signatures[i]?.keyIdHex &&
              s.signature.length === ex2.parsed.signatures[i]?.sigLen,
          ),
      ]);
    }
    const cp = parseCheckpoint(ex.checkpoint.note);
    results.push([
      'checkpoint parses',
      cp.origin === ex.checkpoint.parsed.origin &&
        String(cp.treeSize) === ex.checkpoint.parsed.treeSize &&
        Buffer.from(cp.rootHash).toString('base64') === ex.checkpoint.parsed.rootHashB64,
    ]);
    results.push([
      'checkpoint signature id',
      parseNote(ex.checkpoint.note).signatures[0]?.keyIdHex === ex.checkpoint.parsed.signatures[0]?.keyIdHex,
    ]);
    // The checkpoint is not signed by the example vkey: it must not verify against it.
    results.push(['untrusted checkpoint rejected', !verifyNote(ex.checkpoint.note, [sn.vkey]).ok]);
    const agree = results.filter(([, ok]) => ok).length;
    report('C2SP signed-note/checkpoint examples', agree, results.length);
    expect(results.filter(([, ok]) => !ok).map(([n]) => n)).toEqual([]);
  });
});
