export { loadExceptions, isDate } from './load-exceptions.js';
export { applyExceptions } from './apply-exceptions.js';
export { operationOf } from './operation-of.js';
export type {
  AcceptedException,
  ChangeKey,
  ExceptionOutcome,
  ExceptionStatus,
  ExceptionsFile,
} from './types.js';
