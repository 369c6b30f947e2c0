/**
 * The candidate service runs under this small node watchdog (`node -e WATCHDOG cmd args…`), the
 * leader of its own process group. The watchdog's stdin is a pipe from proofgate: when it closes
 * (proofgate exited or was killed with SIGKILL, when no cleanup of ours can run), the watchdog
 * kills the whole group, so the service never outlives the rehearsal with its secrets in its
 * environment. Otherwise it mirrors the service's exit code or signal, so proofgate sees the
 * service's own exit.
 */
export const WATCHDOG_SOURCE = `
const { spawn } = require('node:child_process');
const [cmd, ...args] = process.argv.slice(1);
const killGroup = () => { try { process.kill(-process.pid, 'SIGKILL'); } catch {} process.exit(137); };
process.stdin.on('end', killGroup);
process.stdin.on('error', killGroup);
process.stdin.on('close', killGroup);
process.stdin.resume();
// A signal to the group reaches the service itself; the watchdog waits for the service's exit.
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, () => {});
const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
child.on('error', (e) => { process.stderr.write('cannot start ' + cmd + ': ' + e.message + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => {
  process.stdin.removeAllListeners();
  if (signal) { process.removeAllListeners(signal); process.kill(process.pid, signal); }
  else process.exit(code ?? 1);
});
`;
