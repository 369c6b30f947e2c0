import type { SourcePosition } from './locate-pointers.js';

/** 1-based line and column of a UTF-16 offset in `text` (one lookup: a plain scan). */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}
