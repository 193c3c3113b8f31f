import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Per-thread scheduler figures of this process (Linux /proc/self/task/<tid>/schedstat): time on a
 * core and time runnable but waiting for one. On a 2-core machine shared with other processes an
 * acknowledgement can be late without any long task on the loop: the bot's thread is ready and
 * no core is free. The wait column shows that; CPU shows who had the cores meanwhile.
 */
interface ThreadTimes {
  readonly cpuNs: number;
  readonly waitNs: number;
}

export type ThreadSnapshot = ReadonlyMap<number, ThreadTimes>;

/** This thread's id as the kernel knows it, or null off Linux. */
export function currentThreadId(): number | null {
  try {
    const link = readlinkSync('/proc/thread-self');
    const tid = Number(link.slice(link.lastIndexOf('/') + 1));
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}

export function snapshotThreads(): ThreadSnapshot {
  const threads = new Map<number, ThreadTimes>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const [cpu, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ');
      threads.set(Number(tid), { cpuNs: Number(cpu), waitNs: Number(wait) });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return threads;
}

const ms = (ns: number): number => Math.round(ns / 1e6);

/**
 * "CPU / waiting for a core (ms)" per named thread between two snapshots, then the busiest
 * unnamed ones (the SQLite worker, V8's collector helpers, libuv's pool) by thread id.
 */
export function threadFigures(
  before: ThreadSnapshot,
  after: ThreadSnapshot,
  names: ReadonlyMap<number, string>,
): Record<string, string> {
  const rows: { tid: number; cpuNs: number; waitNs: number }[] = [];
  for (const [tid, end] of after) {
    const start = before.get(tid) ?? { cpuNs: 0, waitNs: 0 };
    rows.push({ tid, cpuNs: end.cpuNs - start.cpuNs, waitNs: end.waitNs - start.waitNs });
  }
  const figures: Record<string, string> = {};
  for (const [tid, name] of names) {
    const row = rows.find((candidate) => candidate.tid === tid);
    if (row !== undefined)
      figures[`thread ${name}: CPU / waiting for a core (ms)`] = `${ms(row.cpuNs)} / ${ms(row.waitNs)}`;
  }
  const others = rows
    .filter((row) => !names.has(row.tid) && row.cpuNs >= 1e6)
    .sort((a, b) => b.cpuNs - a.cpuNs)
    .slice(0, 4);
  figures['other threads by CPU: CPU / waiting for a core (ms)'] = others
    .map((row) => `${ms(row.cpuNs)} / ${ms(row.waitNs)}`)
    .join(', ');
  return figures;
}
