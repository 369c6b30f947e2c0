import { InfraError, isProofgateError, type ProofgateError } from '../errors/index.js';

/**
 * A file-system failure while writing an output, as an exit-2 error that says what happened and
 * what to do (never "internal error"): disk full, read-only file system, permission denied.
 */
export function outputError(what: string, path: string, cause: unknown, hint?: string): ProofgateError {
  if (isProofgateError(cause)) return cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const [why, doThis] =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? [
          'no space left on the device (disk full or quota exceeded)',
          'free space there, or write it elsewhere',
        ]
      : code === 'EROFS'
        ? ['the file system is read-only', 'write it to a writable folder']
        : code === 'EACCES' || code === 'EPERM'
          ? ['permission denied', 'make the folder writable for this user, or write it elsewhere']
          : code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST'
            ? [`a path component is in the way (${code})`, 'choose another path']
            : [
                `${code ?? 'error'}: ${(cause as Error)?.message ?? String(cause)}`,
                'check the path and retry',
              ];
  return new InfraError('ERR_OUTPUT', `cannot write ${what} ${path}: ${why}; nothing was written there`, {
    hint: hint ?? doThis,
    cause,
  });
}
