import type { ClassInputs, ClassVerdict, ReleaseClass } from './types.js';

const RANK: Record<ReleaseClass, number> = { patch: 0, minor: 1, major: 2 };

/**
 * The release class (semver's meaning, from the seed runbook): a breaking API change or a
 * destructive migration → major; an additive API change, a new migration or a config change →
 * minor (operators must read a config change before deploying, so it is never a silent patch);
 * everything else → patch. An unknown API verdict is not guessed: the caller reports it.
 */
export function deriveClass(inputs: ClassInputs): ClassVerdict {
  const raised: [ReleaseClass, string][] = [];
  if (inputs.apiVerdict === 'breaking') raised.push(['major', 'API verdict breaking']);
  else if (inputs.apiVerdict === 'additive') raised.push(['minor', 'API verdict additive']);
  for (const d of inputs.destructive) raised.push(['major', `destructive migration ${d.file}: ${d.id}`]);
  if (inputs.schemaChanges.length > 0 && inputs.destructive.length === 0) {
    raised.push(['minor', `non-destructive migration change (${inputs.schemaChanges.length} file(s))`]);
  }
  if (inputs.configChanges.length > 0)
    raised.push([
      'minor',
      `config change (${inputs.configChanges.slice(0, 3).join(', ')}${inputs.configChanges.length > 3 ? ', …' : ''})`,
    ]);
  let cls: ReleaseClass = 'patch';
  for (const [c] of raised) if (RANK[c] > RANK[cls]) cls = c;
  const reasons = raised
    .sort((a, b) => RANK[b[0]] - RANK[a[0]] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([c, why]) => `${c}: ${why}`);
  return { class: cls, reasons: reasons.length ? reasons : ['patch: no API, migration or config change'] };
}
