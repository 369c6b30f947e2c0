import type { PairNode } from './schema-pairs.js';
import type { Delta, SchemaSite } from './types.js';

/**
 * Reports the differences reachable from one schema pair at one site (an operation's request body,
 * a response, a parameter). Breadth-first with a visited set: every pair is reported once per site,
 * at its shortest subject path, so cycles end where they close.
 */
export function walkSchema(root: PairNode, site: SchemaSite, emit: (d: Delta) => void): void {
  const seen = new Set<PairNode>([root]);
  const queue: { node: PairNode; segs: string[]; nested: boolean }[] = [
    { node: root, segs: [], nested: false },
  ];
  for (let qi = 0; qi < queue.length; qi++) {
    const { node, segs, nested } = queue[qi]!;
    for (const ch of node.changes) {
      const propLevel = ch.prop !== undefined;
      const subjectSegs = propLevel ? [...segs, ch.prop!] : segs;
      const subject = [site.subjectPrefix, ...subjectSegs].filter((s) => s !== '').join('/');
      const d: Delta = {
        scope: propLevel || nested ? site.nestedScope : site.rootScope,
        change: ch.change,
        path: site.path,
        method: site.method,
        pointer: ch.ptr,
        subject,
        facts: ch.facts
          ? { ...site.facts, ...ch.facts, depth: subjectSegs.length }
          : { ...site.facts, depth: subjectSegs.length },
      };
      if (ch.from !== undefined) d.from = ch.from;
      if (ch.to !== undefined) d.to = ch.to;
      emit(d);
    }
    for (const e of node.edges) {
      if (seen.has(e.node)) continue;
      seen.add(e.node);
      const deeper = e.seg !== null && !(site.itemsKeepScope === true && e.seg === 'items');
      queue.push({ node: e.node, segs: e.seg === null ? segs : [...segs, e.seg], nested: nested || deeper });
    }
  }
}
