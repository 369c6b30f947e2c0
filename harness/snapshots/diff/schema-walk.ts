import type { PairNode } from './schema-pairs.js';
import type { Delta, SchemaSite } from './types.js';

/** A difference below a root pair, relative to it (no operation, no site facts yet). */
interface Rel {
  nested: boolean;
  change: string;
  pointer: string;
  segs: string;
  depth: number;
  from: unknown;
  to: unknown;
  facts: Record<string, unknown> | undefined;
  key: string;
}

/**
 * Reports the differences reachable from one schema pair at one site (an operation's request body,
 * a response, a parameter). Breadth-first with a visited set over the dirty part of the pair graph:
 * every pair is reported once per site, at its shortest subject path, so cycles end where they close.
 *
 * A change inside a shared component is reported once for every distinct way it can be judged
 * (same scope, subject and site kind); later sites that reach it only count as "also reached from",
 * so a change in a schema used by 400 operations is one finding, not 400.
 */
interface Group {
  ops: Set<string>;
  /** Rels outside components: reported at every site. */
  local: Rel[];
}

export class SchemaWalker {
  private readonly memo = new Map<PairNode, Map<boolean, Rel[]>>();
  private readonly groups = new Map<PairNode, Map<string, Group>>();
  private readonly firstSeen = new Map<string, { delta: Delta; groups: Set<Group> }>();

  walk(root: PairNode, site: SchemaSite, emit: (d: Delta) => void): void {
    if (!root.dirty) return;
    const itemsKeep = site.itemsKeepScope === true;
    const siteKey = [
      itemsKeep ? 'i' : '',
      site.rootScope,
      site.nestedScope,
      site.subjectPrefix,
      site.facts['success'] === true
        ? 's'
        : /^[45]|DEFAULT/.test(String(site.facts['status'] ?? ''))
          ? 'e'
          : 'o',
      /xml/.test(String(site.facts['mediaType'] ?? '')) ? 'x' : '',
      site.facts['idempotencyKey'] === true ? String(site.facts['status'] ?? '') : '',
      String(site.facts['unstable'] ?? ''),
    ].join('|');
    const op = `${site.method} ${site.path}`;
    let byRoot = this.groups.get(root);
    if (!byRoot) this.groups.set(root, (byRoot = new Map()));
    let g = byRoot.get(siteKey);
    if (g) {
      // Same root, same kind of site: shared findings are already reported; count this operation.
      g.ops.add(op);
      for (const r of g.local) emit(this.delta(r, site));
      return;
    }
    g = { ops: new Set([op]), local: [] };
    byRoot.set(siteKey, g);
    let inner = this.memo.get(root);
    if (!inner) this.memo.set(root, (inner = new Map()));
    let rels = inner.get(itemsKeep);
    if (!rels) inner.set(itemsKeep, (rels = relatives(root, itemsKeep)));
    for (const r of rels) {
      if (!r.pointer.startsWith('/components/')) {
        g.local.push(r);
        emit(this.delta(r, site));
        continue;
      }
      const key = `${r.key}|${siteKey}`;
      const first = this.firstSeen.get(key);
      if (first) {
        first.groups.add(g);
        continue;
      }
      const d = this.delta(r, site);
      this.firstSeen.set(key, { delta: d, groups: new Set([g]) });
      emit(d);
    }
  }

  /** Writes into each shared finding how many other operations reach it (`facts.alsoReachedFrom`). */
  finish(): void {
    for (const { delta, groups } of this.firstSeen.values()) {
      const ops = new Set<string>();
      for (const g of groups) for (const o of g.ops) ops.add(o);
      ops.delete(`${delta.method} ${delta.path}`);
      delta.facts!['alsoReachedFrom'] = ops.size;
    }
  }

  private delta(r: Rel, site: SchemaSite): Delta {
    const subject =
      site.subjectPrefix && r.segs ? `${site.subjectPrefix}/${r.segs}` : site.subjectPrefix || r.segs;
    const d: Delta = {
      scope: r.nested ? site.nestedScope : site.rootScope,
      change: r.change,
      path: site.path,
      method: site.method,
      pointer: r.pointer,
      subject,
      facts: { ...site.facts, ...r.facts, depth: r.depth },
    };
    if (r.from !== undefined) d.from = r.from;
    if (r.to !== undefined) d.to = r.to;
    return d;
  }
}

/** Subject path as a linked list: extending it is O(1), so very deep schemas stay linear. */
interface Segs {
  seg: string;
  up: Segs | undefined;
  depth: number;
}

function segsList(s: Segs | undefined): string[] {
  const out: string[] = [];
  for (let c = s; c; c = c.up) out.push(c.seg);
  return out.reverse();
}

function relatives(root: PairNode, itemsKeep: boolean): Rel[] {
  const out: Rel[] = [];
  const seen = new Set<PairNode>([root]);
  const queue: { node: PairNode; segs: Segs | undefined; nested: boolean }[] = [
    { node: root, segs: undefined, nested: false },
  ];
  for (let qi = 0; qi < queue.length; qi++) {
    const { node, segs, nested } = queue[qi]!;
    for (const ch of node.changes) {
      const propLevel = ch.prop !== undefined;
      const subject = propLevel ? { seg: ch.prop!, up: segs, depth: (segs?.depth ?? 0) + 1 } : segs;
      const depth = subject?.depth ?? 0;
      const facts = ch.facts;
      out.push({
        nested: propLevel || nested,
        change: ch.change,
        pointer: ch.ptr,
        segs: segsList(subject).join('/'),
        depth,
        from: ch.from,
        to: ch.to,
        facts,
        // The judgement depends on the last subject segment and on depth <= 1 (envelope), not the route.
        key: `${propLevel || nested ? 1 : 0}|${ch.change}|${ch.ptr}|${subject?.seg ?? ''}|${depth > 1 ? 'deep' : depth}|${keyOf(ch.from)}|${keyOf(ch.to)}|${facts ? keyOf(facts) : ''}`,
      });
    }
    for (const e of node.edges) {
      if (!e.node.dirty || seen.has(e.node)) continue;
      seen.add(e.node);
      const deeper = e.seg !== null && !(itemsKeep && e.seg === 'items');
      const next = e.seg === null ? segs : { seg: e.seg, up: segs, depth: (segs?.depth ?? 0) + 1 };
      queue.push({ node: e.node, segs: next, nested: nested || deeper });
    }
  }
  return out;
}

function keyOf(v: unknown): string {
  if (v === undefined) return '';
  if (v === null || typeof v !== 'object') return `${typeof v}:${String(v)}`;
  return JSON.stringify(v);
}
