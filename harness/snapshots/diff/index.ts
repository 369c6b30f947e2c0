export { structuralDiff } from './document.js';
export type { Delta, Scope } from './types.js';
export { normalizePath } from './paths.js';
export { parseSunset } from './lifecycle.js';
