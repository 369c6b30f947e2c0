/** `1 stage`, `8 stages`: counts in titles and messages read as English. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
