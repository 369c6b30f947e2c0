import type { ConformanceSubject } from '../types.js';
import { createMiniApp, MINI_SCOPES, type MiniFault } from './mini-app.js';

// App factory modules for `proofgate conformance --app` tests, written the way a team would write theirs.

function subject(faults: MiniFault[]): ConformanceSubject {
  const { app, mintToken } = createMiniApp(faults);
  return {
    app,
    describe: 'mini app',
    token: mintToken('acme', MINI_SCOPES),
    scopes: MINI_SCOPES,
    tenants: ['acme', 'globex'],
    mintToken,
  };
}

export const createSubject = async (): Promise<ConformanceSubject> => subject([]);
export const createLeakySubject = async (): Promise<ConformanceSubject> => subject(['tenant-leak']);
export const createRenamingSubject = async (): Promise<ConformanceSubject> => subject(['rename-field']);
export const notASubject = { hello: 'world' };
export const createThrowingSubject = async (): Promise<ConformanceSubject> => {
  throw new Error('cannot reach the test database');
};
export default createSubject;
