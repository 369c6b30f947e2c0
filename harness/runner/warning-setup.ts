// Loaded by the proof runner as a vitest setup file, inside each test worker: process warnings
// (MaxListenersExceededWarning, …) go to the worker's own stderr, which vitest does not report,
// so they are re-emitted through console.error with a tag the runner recognises. The runner
// reports each one as a finding (or allows it by name), so Node's own printer is removed: the
// same warning printed raw on the terminal as well would be noise outside the report.
export const WARNING_TAG = '[proofgate-process-warning]';

process.removeAllListeners('warning');
process.on('warning', (w: Error) => {
  console.error(`${WARNING_TAG} ${w.name}: ${w.message}`);
});
