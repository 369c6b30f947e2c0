/** More verification threads than this only add memory (each has its own heap): 99999 crashed V8 (SIGTRAP). */
export const MAX_WORKERS = 64;
