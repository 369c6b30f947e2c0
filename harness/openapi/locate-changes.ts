import { readFile } from 'node:fs/promises';
import type { Change } from '../snapshots/index.js';
import { hasPointer, locatePointers } from './locate-pointers.js';

export interface ChangeLocation {
  /** The spec's label (a path relative to the working folder where possible). */
  file: string;
  line: number;
  column: number;
}

interface Side {
  file: string;
  label: string;
  doc: unknown;
}

/**
 * Attaches each change to the spec it points into: the candidate, or the base for removals (a
 * pointer the candidate does not hold). Pointers are into the bundled document; a pointer that
 * neither file holds whole is placed at its deepest existing ancestor in the candidate.
 */
export async function locateChanges(
  changes: readonly Change[],
  sides: readonly [Side, Side],
): Promise<Map<number, ChangeLocation>> {
  const [cand, base] = sides;
  const bySide = new Map<Side, number[]>();
  changes.forEach((c, i) => {
    const side = hasPointer(cand.doc, c.pointer) || !hasPointer(base.doc, c.pointer) ? cand : base;
    let list = bySide.get(side);
    if (!list) bySide.set(side, (list = []));
    list.push(i);
  });
  const out = new Map<number, ChangeLocation>();
  for (const [side, indexes] of bySide) {
    const text = await readFile(side.file, 'utf8');
    const pos = locatePointers(
      text,
      indexes.map((i) => changes[i]!.pointer),
    );
    for (const i of indexes) {
      const p = pos.get(changes[i]!.pointer)!;
      out.set(i, { file: side.label.split('\\').join('/'), line: p.line, column: p.column });
    }
  }
  return out;
}
