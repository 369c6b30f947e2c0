import { UsageError } from '../errors/index.js';

/** Splits repeatable, comma-separated --only/--skip values. */
export function stageList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Which stages run: everything, minus --skip, or only --only. Unknown ids and a stage both
 * selected and skipped are usage errors. Returns the skip reason per skipped stage.
 */
export function selectStages(
  all: readonly string[],
  only: readonly string[],
  skip: readonly string[],
): Map<string, string> {
  for (const id of [...only, ...skip]) {
    if (!all.includes(id))
      throw new UsageError(`unknown stage ${JSON.stringify(id)}`, { hint: `stages: ${all.join(', ')}` });
  }
  const both = only.filter((id) => skip.includes(id));
  if (both.length) throw new UsageError(`stage ${both.join(', ')} is both in --only and --skip`);
  const skipped = new Map<string, string>();
  for (const id of all) {
    if (skip.includes(id)) skipped.set(id, 'skipped with --skip');
    else if (only.length > 0 && !only.includes(id)) skipped.set(id, 'not selected by --only');
  }
  return skipped;
}
