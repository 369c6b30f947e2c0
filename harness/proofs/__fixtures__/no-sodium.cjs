// Preload (`node --require`) that makes sodium-native unresolvable, as on a platform without a
// prebuild or an install that skipped optional dependencies. Worker threads inherit it.
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'sodium-native' || request.startsWith('sodium-native/')) {
    const e = new Error(`Cannot find module '${request}' (hidden by no-sodium.cjs)`);
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  }
  return resolve.call(this, request, ...rest);
};
