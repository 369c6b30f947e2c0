/** Edit distance (Levenshtein), for "did you mean" on config keys; the lists are short. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest known key to a misspelled one, or undefined when none is close enough. */
export function closest(word: string, known: readonly string[]): string | undefined {
  const budget = Math.max(2, Math.floor(word.length / 3));
  let best: { key: string; d: number } | undefined;
  for (const key of [...known].sort()) {
    const d = key.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, key);
    if (d <= budget && (best === undefined || d < best.d)) best = { key, d };
  }
  return best?.key;
}

/** ` (did you mean "x"?)` or ` (known keys: a, b)`: the tail of an unknown-key message. */
export function didYouMean(word: string, known: readonly string[]): string {
  const hit = closest(word, known);
  if (hit !== undefined) return ` (did you mean ${JSON.stringify(hit)}?)`;
  return known.length === 0 ? '' : ` (known keys: ${[...known].sort().join(', ')})`;
}
