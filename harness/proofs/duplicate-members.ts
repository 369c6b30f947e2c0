/**
 * First duplicated object member name anywhere in a JSON text, or undefined. JSON.parse keeps the
 * last duplicate silently (RFC 7515 §5.2 lets parsers differ), so duplicates must be found on the
 * text itself. Assumes `text` already parsed with JSON.parse.
 */
export function findDuplicateMember(text: string): string | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): string | undefined => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return undefined;
      }
      for (;;) {
        ws();
        const key = str();
        if (seen.has(key)) return key;
        seen.add(key);
        ws();
        i++; // colon
        const dup = value();
        if (dup !== undefined) return dup;
        ws();
        if (text[i++] === '}') return undefined;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return undefined;
      }
      for (;;) {
        const dup = value();
        if (dup !== undefined) return dup;
        ws();
        if (text[i++] === ']') return undefined;
      }
    }
    if (c === '"') {
      str();
      return undefined;
    }
    while (i < text.length && !',]} \t\n\r'.includes(text[i] as string)) i++;
    return undefined;
  };
  return value();
}
