import type { LocalChange, PairNode } from './schema-pairs.js';
import type { Delta, SchemaSite } from './types.js';

/** Subject path as a linked list: extending it is O(1), so very deep schemas stay linear. */
interface Segs {
  seg: string;
  up: Segs | undefined;
  depth: number;
}

/** A difference below a root pair, relative to it (no operation, no site facts yet). */
interface Rel {
  nested: boolean;
  ch: LocalChange;
  subject: Segs | undefined;
  /** What the judgement can depend on besides the change itself: nesting, last segment, depth <= 1. */
  key: string;
}

interface Group {
  /** Every site (operation + where in it) that reached this group, in walk order. */
  sites: Use[];
  /** Rels outside components: reported at every site. */
  local: Rel[];
}

/** One use of a shared schema: an operation and the place in it (a response, the request body…). */
export interface Use {
  method: string;
  path: string;
  /** e.g. `response 404 application/problem+json`, `request body application/json`, `parameter query:limit`. */
  where: string;
  /** Pointer (candidate) of the schema at that place. */
  pointer: string;
}

function useOf(site: SchemaSite): Use {
  const f = site.facts;
  const mt = f['mediaType'] === undefined ? '' : ` ${String(f['mediaType'])}`;
  const where = site.rootScope.startsWith('response')
    ? `response ${String(f['status'] ?? '')}${site.rootScope === 'response-header' ? ` header ${site.subjectPrefix}` : mt}`
    : site.rootScope === 'request-body'
      ? `request body${mt}`
      : `parameter ${String(f['in'] ?? '')}:${String(f['name'] ?? '')}`;
  return { method: site.method, path: site.path, where, pointer: site.pointer };
}

const useKey = (u: Use) => `${u.method} ${u.path} ${u.where}`;

/** Identity of a change by meaning (two pairs can differ the same way at the same pointer). */
const changeKeys = new WeakMap<LocalChange, string>();
function changeKey(ch: LocalChange): string {
  let k = changeKeys.get(ch);
  if (k === undefined) {
    const v = (x: unknown) => (x === undefined ? '' : JSON.stringify(x));
    k = `${ch.change}|${ch.ptr}|${v(ch.from)}|${v(ch.to)}|${v(ch.facts)}`;
    changeKeys.set(ch, k);
  }
  return k;
}

function segsString(s: Segs | undefined): string {
  const out: string[] = [];
  for (let c = s; c; c = c.up) out.push(c.seg);
  return out.reverse().join('/');
}

/**
 * Reports the differences reachable from one schema pair at one site (an operation's request body,
 * a response, a parameter). Breadth-first with a visited set over the dirty part of the pair graph:
 * every pair is reported once per site, at its shortest subject path, so cycles end where they close.
 *
 * A change inside a shared component is reported once for every distinct way it can be judged
 * (same scope, nesting, last subject segment and site kind); later sites that reach it only count
 * as "also reached from", so a change in a schema used by 400 operations is one finding, not 400.
 */
export class SchemaWalker {
  private readonly memo = new Map<PairNode, Map<boolean, Rel[]>>();
  private readonly groups = new Map<PairNode, Map<string, Group>>();
  private readonly firstSeen = new Map<string, Map<string, { delta: Delta; own: Use; groups: Set<Group> }>>();

  walk(root: PairNode, site: SchemaSite, emit: (d: Delta) => void): void {
    if (!root.dirty) return;
    const itemsKeep = site.itemsKeepScope === true;
    const status = String(site.facts['status'] ?? '');
    const siteKey = [
      itemsKeep ? 'i' : '',
      site.rootScope,
      site.nestedScope,
      site.subjectPrefix,
      site.facts['success'] === true ? 's' : /^[45]|DEFAULT/.test(status) ? 'e' : 'o',
      /xml/.test(String(site.facts['mediaType'] ?? '')) ? 'x' : '',
      site.facts['idempotencyKey'] === true ? status : '',
      String(site.facts['unstable'] ?? ''),
    ].join('|');
    const use = useOf(site);
    let byRoot = this.groups.get(root);
    if (!byRoot) this.groups.set(root, (byRoot = new Map()));
    let g = byRoot.get(siteKey);
    if (g) {
      // Same root, same kind of site: shared findings are already reported; count this operation.
      g.sites.push(use);
      for (const r of g.local) emit(this.delta(r, site, root));
      return;
    }
    g = { sites: [use], local: [] };
    byRoot.set(siteKey, g);
    let inner = this.memo.get(root);
    if (!inner) this.memo.set(root, (inner = new Map()));
    let rels = inner.get(itemsKeep);
    if (!rels) inner.set(itemsKeep, (rels = relatives(root, itemsKeep)));
    let seen = this.firstSeen.get(siteKey);
    if (!seen) this.firstSeen.set(siteKey, (seen = new Map()));
    for (const r of rels) {
      if (!r.ch.ptr.startsWith('/components/')) {
        g.local.push(r);
        emit(this.delta(r, site, root));
        continue;
      }
      const first = seen.get(r.key);
      if (first) {
        first.groups.add(g);
        continue;
      }
      const d = this.delta(r, site, root);
      seen.set(r.key, { delta: d, own: use, groups: new Set([g]) });
      emit(d);
    }
  }

  /**
   * Writes into each shared finding every other use that reaches it (`facts.alsoIn`, sorted) and
   * how many other operations those are (`facts.alsoReachedFrom`): the report names them all.
   */
  finish(): void {
    // Every finding of one kind inside one component shares one set of uses: the sorted union is
    // built once per set of groups and shared by identity (reports list each set once).
    const ids = new Map<Group, number>();
    const unions = new Map<string, Use[]>();
    for (const bySite of this.firstSeen.values()) {
      for (const { delta, own, groups } of bySite.values()) {
        const setKey = [...groups]
          .map((g) => {
            let id = ids.get(g);
            if (id === undefined) ids.set(g, (id = ids.size));
            return id;
          })
          .sort((a, b) => a - b)
          .join(',');
        let all = unions.get(setKey);
        if (!all) {
          const byKey = new Map<string, Use>();
          for (const g of groups) for (const u of g.sites) byKey.set(useKey(u), u);
          all = [...byKey.keys()].sort().map((k) => byKey.get(k)!);
          unions.set(setKey, all);
        }
        const ownOp = `${own.method} ${own.path}`;
        const ops = new Set<string>();
        for (const u of all) if (`${u.method} ${u.path}` !== ownOp) ops.add(`${u.method} ${u.path}`);
        delta.facts!['uses'] = all;
        delta.facts!['alsoReachedFrom'] = ops.size;
        delta.facts!['where'] = own.where;
      }
    }
  }

  private delta(r: Rel, site: SchemaSite, root: PairNode): Delta {
    const segs = segsString(r.subject);
    const subject = site.subjectPrefix && segs ? `${site.subjectPrefix}/${segs}` : site.subjectPrefix || segs;
    // A pair outside components is shared by identity (a YAML alias, a $ref into another
    // operation): its pointer was made at the first site; re-root it at this site.
    let pointer = r.ch.ptr;
    if (!pointer.startsWith('/components/')) {
      if (site.pointer !== root.candPtr && pointer.startsWith(`${root.candPtr}/`))
        pointer = site.pointer + pointer.slice(root.candPtr.length);
      else if (pointer === root.candPtr) pointer = site.pointer;
    }
    const d: Delta = {
      scope: r.nested ? site.nestedScope : site.rootScope,
      change: r.ch.change,
      path: site.path,
      method: site.method,
      pointer,
      subject,
      facts: { ...site.facts, ...r.ch.facts, depth: r.subject?.depth ?? 0 },
    };
    if (r.ch.from !== undefined) d.from = r.ch.from;
    if (r.ch.to !== undefined) d.to = r.ch.to;
    return d;
  }
}

function relatives(root: PairNode, itemsKeep: boolean): Rel[] {
  const out: Rel[] = [];
  const seen = new Set<PairNode>([root]);
  const nodes: PairNode[] = [root];
  const paths: (Segs | undefined)[] = [undefined];
  const nestedFlags: boolean[] = [false];
  for (let qi = 0; qi < nodes.length; qi++) {
    const node = nodes[qi]!;
    const segs = paths[qi];
    const nested = nestedFlags[qi]!;
    for (const ch of node.changes) {
      const propLevel = ch.prop !== undefined;
      const subject = propLevel ? { seg: ch.prop!, up: segs, depth: (segs?.depth ?? 0) + 1 } : segs;
      const depth = subject?.depth ?? 0;
      const isNested = propLevel || nested;
      out.push({
        nested: isNested,
        ch,
        subject,
        key: `${changeKey(ch)}|${isNested ? 1 : 0}|${subject?.seg ?? ''}|${depth > 1 ? 2 : depth}`,
      });
    }
    // Everything below a walked root is compared already, so its dirty flags are final.
    const edges = (node.dirtyEdges ??= node.edges.filter((e) => e.node.dirty));
    for (const e of edges) {
      if (seen.has(e.node)) continue;
      seen.add(e.node);
      nodes.push(e.node);
      paths.push(e.seg === null ? segs : { seg: e.seg, up: segs, depth: (segs?.depth ?? 0) + 1 });
      nestedFlags.push(nested || (e.seg !== null && !(itemsKeep && e.seg === 'items')));
    }
  }
  return out;
}
