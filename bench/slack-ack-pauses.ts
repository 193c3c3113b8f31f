import { readFileSync } from 'node:fs';
import {
  constants,
  type IntervalHistogram,
  monitorEventLoopDelay,
  PerformanceObserver,
} from 'node:perf_hooks';

/**
 * What paused the bot's event loop during a measured window (the diagnostic mode of the mixed
 * acknowledgement bench): the loop's delay histogram and every garbage collection by kind. An
 * acknowledgement can only be late when the loop is busy, so a spike in the p99 shows up here as
 * a long GC or as a delay no GC explains (a synchronous stretch; `--cpu-prof` names it).
 */
export interface PauseRecorder {
  stop(): Record<string, string | number>;
}

const GC_KINDS: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

interface GcTally {
  count: number;
  totalMs: number;
  maxMs: number;
  over10Ms: number;
}

const LONG_MS = 20;

const ms = (value: number): number => Math.round(value * 10) / 10;

/** A 'gc' entry's kind (`detail.kind`, which the entry's declared type does not carry). */
function gcKind(entry: object): number {
  const detail: unknown = Reflect.get(entry, 'detail');
  if (typeof detail !== 'object' || detail === null) return -1;
  const kind: unknown = Reflect.get(detail, 'kind');
  return typeof kind === 'number' ? kind : -1;
}

/**
 * CPU time of this process's main thread so far (Linux: /proc, in clock ticks of 10 ms), or null
 * elsewhere. Unlike wall time it does not grow when other processes share the cores, so it
 * compares builds on a loaded machine; the worker threads (SQLite, the client, the fake Slack)
 * are not in it.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export function recordPauses(): PauseRecorder {
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  const tallies = new Map<string, GcTally>();
  const collections: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[gcKind(entry)] ?? 'other';
      const tally = tallies.get(kind) ?? { count: 0, totalMs: 0, maxMs: 0, over10Ms: 0 };
      collections.push({ start: entry.startTime, end: entry.startTime + entry.duration });
      tally.count += 1;
      tally.totalMs += entry.duration;
      tally.maxMs = Math.max(tally.maxMs, entry.duration);
      if (entry.duration > 10) tally.over10Ms += 1;
      tallies.set(kind, tally);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  delay.enable();
  const started = performance.now();
  const cpuAtStart = mainThreadCpuMs();
  // A 1 ms ticker: a tick that comes late marks a stretch the loop could not run anything else.
  const gaps: { start: number; end: number }[] = [];
  let last = started;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > LONG_MS) gaps.push({ start: last, end: now });
    last = now;
  }, 1);
  return {
    stop() {
      const cpuAtEnd = mainThreadCpuMs();
      clearInterval(ticker);
      delay.disable();
      observer.disconnect();
      const inGc = (gap: { start: number; end: number }): number =>
        collections.reduce(
          (sum, gc) => sum + Math.max(0, Math.min(gap.end, gc.end) - Math.max(gap.start, gc.start)),
          0,
        );
      const lengths = gaps.map((gap) => gap.end - gap.start).sort((a, b) => b - a);
      const notGc = gaps
        .filter((gap) => inGc(gap) < (gap.end - gap.start) / 2)
        .map((gap) => gap.end - gap.start)
        .sort((a, b) => b - a);
      const figures: Record<string, string | number> = {
        'window (ms)': Math.round(performance.now() - started),
        'bot main thread CPU (ms)': cpuAtStart === null || cpuAtEnd === null ? 'n/a' : cpuAtEnd - cpuAtStart,
        'loop delay p50 / p99 / max (ms)': `${ms(delay.percentile(50) / 1e6)} / ${ms(delay.percentile(99) / 1e6)} / ${ms(delay.max / 1e6)}`,
      };
      figures[`stalls over ${LONG_MS} ms: count / longest five (ms)`] =
        `${lengths.length} / ${lengths.slice(0, 5).map(ms).join(', ')}`;
      figures[`stalls over ${LONG_MS} ms mostly outside GC: count / longest five (ms)`] =
        `${notGc.length} / ${notGc.slice(0, 5).map(ms).join(', ')}`;
      for (const [kind, tally] of tallies) {
        figures[`gc ${kind}: count / total / max (ms) / over 10 ms`] =
          `${tally.count} / ${ms(tally.totalMs)} / ${ms(tally.maxMs)} / ${tally.over10Ms}`;
      }
      return figures;
    },
  };
}
