import { parseVkey, verifyCheckpoint, type NoteVerifier } from '../lineage/index.js';
import { InputError } from '../errors/index.js';
import type { BundleAnchor } from '../bundle/index.js';
import type { AnchorCheck, ShardState } from './shard-state.js';

export function parseNoteKeys(vkeys: readonly string[]): NoteVerifier[] {
  return vkeys.map((v) => {
    try {
      return parseVkey(v);
    } catch (e) {
      throw new InputError(
        'ERR_INPUT',
        `note key ${JSON.stringify(v)} is not a C2SP vkey: ${(e as Error).message}`,
        {
          hint: 'a vkey looks like NAME+HEX8+BASE64 (C2SP signed-note)',
        },
      );
    }
  });
}

/** Signature, origin and size of one anchor (its root is compared once the tree is known). */
export function checkAnchor(
  anchor: BundleAnchor,
  trusted: readonly NoteVerifier[],
  origin: string,
): AnchorCheck {
  const v = verifyCheckpoint(anchor.checkpoint, trusted, origin);
  if (!v.ok) return { treeSize: anchor.treeSize, ok: false, reason: v.reason };
  const root = Buffer.from(v.checkpoint.rootHash).toString('hex');
  if (v.checkpoint.treeSize !== anchor.treeSize) {
    return {
      treeSize: anchor.treeSize,
      ok: false,
      root,
      reason: `checkpoint says tree size ${v.checkpoint.treeSize}`,
    };
  }
  return { treeSize: anchor.treeSize, ok: true, root };
}

/** DESIGN §3: anchors never shrink the tree; one size, one checkpoint. */
export function anchorListProblems(anchors: readonly BundleAnchor[]): ShardState['anchorListProblems'] {
  const out: ShardState['anchorListProblems'] = [];
  for (let i = 1; i < anchors.length; i++) {
    const a = anchors[i - 1] as BundleAnchor;
    const b = anchors[i] as BundleAnchor;
    if (b.treeSize < a.treeSize) {
      out.push({
        id: 'anchor-shrinks',
        treeSize: b.treeSize,
        message: `anchor of size ${b.treeSize} follows one of size ${a.treeSize}`,
      });
    } else if (b.treeSize === a.treeSize) {
      out.push({
        id: b.checkpoint === a.checkpoint ? 'anchor-duplicate' : 'anchor-conflict',
        treeSize: b.treeSize,
        message: `two anchors for tree size ${b.treeSize}${b.checkpoint === a.checkpoint ? '' : ' with different checkpoints'}`,
      });
    }
  }
  return out;
}
