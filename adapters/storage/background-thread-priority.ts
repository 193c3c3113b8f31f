/**
 * Why: on a small host the event loop shares its cores with the storage threads. A tenant
 * clicking through a 50,000-contact import keeps the SQLite thread busy, and the event loop that
 * acknowledges every other tenant's Slack and Teams requests (Slack gives up after 3 s) then waits
 * for a core behind it: the mixed ack bench measured the bot's thread waiting for a core longer
 * than it ran. Storage threads therefore run at a lower CPU priority than the event loop: they
 * still get every idle cycle, and yield when a request has to be answered.
 *
 * Linux only: there a thread id is a process id to setpriority(2), and raising one's own nice value
 * needs no privilege. Elsewhere (no /proc/thread-self) the thread keeps the process's priority.
 */
export const STORAGE_THREAD_NICE_INCREMENT = 10;
/** The lowest priority Linux has. */
const NICEST = 19;

/**
 * CommonJS source for a worker thread evaluated with `eval: true` (see sqlite-worker.ts): raises
 * the running thread's nice value by `workerData.niceIncrement` over the process's (a bot started with
 * `nice` keeps its storage threads below it, never above), ignoring any failure.
 */
export const LOWER_THREAD_PRIORITY_SOURCE = `
try {
  const thread = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  const os = require('node:os');
  if (Number.isInteger(thread) && thread > 0) {
    os.setPriority(thread, Math.min(${NICEST}, os.getPriority(thread) + workerData.niceIncrement));
  }
} catch {}
`;
