import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../openapi/index.js';
import { corpusPath, hasCorpus } from '../testing/corpus.js';
import { diffSpecs, verdictOf } from './index.js';

/**
 * oasdiff's own checker test suite as a peer oracle (../shared/corpus/oasdiff): 246 base/revision
 * pairs with the rule ids oasdiff's Go tests assert. Figures are printed; every intended
 * disagreement is listed with a reason in corpus-disagreements.json.
 */
interface Expectation {
  base: string;
  revision: string;
  expectedRuleIds: string[];
  notExpectedRuleIds?: string[];
  breaking: boolean;
  breakingCertain: boolean;
  diffOptions?: string[];
  checkerOptions?: string[];
}
interface Disagreement {
  base: string;
  revision: string;
  kind: 'breaking' | 'rule-id';
  ruleId?: string;
  reason: string;
}

// The corpus snapshot date (README): lifecycle rules compare sunsets against it.
const CORPUS_DATE = '2026-08-08';
const available = hasCorpus('oasdiff', 'expectations.json');
const listed: Disagreement[] = JSON.parse(
  readFileSync(new URL('./corpus-disagreements.json', import.meta.url), 'utf8'),
);

describe.skipIf(!available)('oasdiff corpus (246 pairs)', () => {
  it('agrees on breaking and finds the expected rule ids', async () => {
    const expectations: Expectation[] = JSON.parse(
      readFileSync(corpusPath('oasdiff', 'expectations.json'), 'utf8'),
    );
    const key = (e: { base: string; revision: string }) => `${e.base} -> ${e.revision}`;
    const cache = new Map<string, Promise<Record<string, unknown>>>();
    const load = (rel: string) => {
      let p = cache.get(rel);
      // validate: false — 50 of oasdiff's 302 checker fixtures are deliberately minimal (no
      // `responses`, no response `description`, a parameter without `schema`): its loader does not
      // validate, and this corpus measures the diff rules, not the loader.
      if (!p)
        cache.set(rel, (p = loadSpec(corpusPath('oasdiff', rel), { validate: false }).then((s) => s.doc)));
      return p;
    };
    let certain = 0;
    let certainAgree = 0;
    let plainCertain = 0;
    let plainAgree = 0;
    let expectedIds = 0;
    let foundIds = 0;
    const found: Disagreement[] = [];
    let notExpected = 0;
    const notExpectedFound: string[] = [];
    for (const e of expectations) {
      const changes = diffSpecs(await load(e.base), await load(e.revision), { date: CORPUS_DATE });
      const ids = new Set(changes.map((c) => c.id));
      const breaking = verdictOf(changes) === 'breaking';
      const needsOptions = (e.diffOptions?.length ?? 0) + (e.checkerOptions?.length ?? 0) > 0;
      if (e.breakingCertain) {
        certain++;
        if (!needsOptions) plainCertain++;
        if (breaking === e.breaking) {
          certainAgree++;
          if (!needsOptions) plainAgree++;
        } else found.push({ base: e.base, revision: e.revision, kind: 'breaking', reason: '' });
      }
      for (const id of e.notExpectedRuleIds ?? []) {
        notExpected++;
        if (ids.has(id)) notExpectedFound.push(`${key(e)} ${id}`);
      }
      for (const id of e.expectedRuleIds) {
        expectedIds++;
        if (ids.has(id)) foundIds++;
        else found.push({ base: e.base, revision: e.revision, kind: 'rule-id', ruleId: id, reason: '' });
      }
    }
    const sig = (d: Disagreement) => `${key(d)} ${d.kind}${d.ruleId ? ` ${d.ruleId}` : ''}`;
    // Listed breaking disagreements are deliberate policy decisions (each with its reason): the
    // figures are printed with and without them, and the targets apply to the policy-adjusted ones.
    const policy = listed.filter((d) => d.kind === 'breaking').map((d) => key(d));
    const policyPlain = expectations.filter(
      (e) =>
        e.breakingCertain &&
        policy.includes(key(e)) &&
        (e.diffOptions?.length ?? 0) + (e.checkerOptions?.length ?? 0) === 0,
    ).length;
    const listedSigs = new Set(listed.map(sig));
    const foundSigs = new Set(found.map(sig));
    const unlisted = found.filter((d) => !listedSigs.has(sig(d)));
    const stale = listed.filter((d) => !foundSigs.has(sig(d)));
    const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
    process.stdout.write(
      [
        `[oasdiff corpus] pairs: ${expectations.length}`,
        `[oasdiff corpus] breaking agreement (breakingCertain): ${certainAgree}/${certain} = ${pct(certainAgree, certain)} (target >= 98% excluding listed policy decisions)`,
        `[oasdiff corpus] breaking agreement (breakingCertain, no options needed): ${plainAgree}/${plainCertain} = ${pct(plainAgree, plainCertain)} (target 100%)`,
        `[oasdiff corpus] excluding ${policy.length} listed policy decisions: ${certainAgree}/${certain - policy.length} = ${pct(certainAgree, certain - policy.length)}; no options needed: ${plainAgree}/${plainCertain - policyPlain}`,
        `[oasdiff corpus] rule-id recall: ${foundIds}/${expectedIds} = ${pct(foundIds, expectedIds)} (target >= 98.9%)`,
        `[oasdiff corpus] notExpectedRuleIds reported anyway: ${notExpectedFound.length}/${notExpected}`,
        ...notExpectedFound.map((x) => `  NOT-EXPECTED ${x}`),
        `[oasdiff corpus] listed disagreements: ${listed.length}; unlisted: ${unlisted.length}; stale: ${stale.length}`,
        ...unlisted.map((d) => `  UNLISTED ${sig(d)}`),
        ...stale.map((d) => `  STALE ${sig(d)}`),
        '',
      ].join('\n'),
    );
    expect(certainAgree / (certain - policy.length)).toBeGreaterThanOrEqual(0.98);
    expect(plainAgree).toBe(plainCertain - policyPlain);
    expect(foundIds / expectedIds).toBeGreaterThanOrEqual(0.9885);
    expect(unlisted.map(sig)).toEqual([]);
    expect(stale.map(sig)).toEqual([]);
    for (const d of listed) expect(d.reason.length, sig(d)).toBeGreaterThan(10);
  });
});
