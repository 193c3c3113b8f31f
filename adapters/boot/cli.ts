#!/usr/bin/env node
import { main } from './cli/main.js';

// The one place that touches process-wide state: signals and the exit code.
const controller = new AbortController();
let signals = 0;
const onSignal = (): void => {
  signals += 1;
  // A second Ctrl-C means "now": skip the graceful stop.
  if (signals > 1) process.exit(130);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
// Lingering handles (an idle pool socket, a keep-alive agent) must not keep a finished command alive.
setTimeout(() => process.exit(code), 2_000).unref();
