export { resolveConventions, describeConventions } from './resolve-conventions.js';
export { resourceKinds, kindsInResponse, kindOfSchema, referencedName } from './resource-kinds.js';
export { errorIdOf } from './error-id.js';
export type * from './types.js';
