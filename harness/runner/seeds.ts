/** Default shuffle seeds: fixed, so a flaky verdict replays exactly (override with runner.seeds). */
export const DEFAULT_SEEDS: readonly number[] = [20261121, 20261124, 1, 2, 3, 4, 5, 6];

export function seedFor(seeds: readonly number[], run: number): number {
  // Past the list: a fixed odd step keeps seeds distinct and reproducible.
  return seeds[run] ?? (seeds[seeds.length - 1] ?? 1) + 7919 * (run - seeds.length + 1);
}
