import { PerformanceObserver, performance } from 'node:perf_hooks';
import type { SqliteWorkerActivity } from '../adapters/storage/sqlite-worker.js';

/** One click's wall time split by where it went. */
export interface ClickParts {
  readonly wallMs: number;
  /** Inside SQLite's thread, running the click's statements. */
  readonly sqliteMs: number;
  /** The event loop busy (the core, kysely, views; includes its GC pauses). */
  readonly mainMs: number;
  /** Main-thread GC pauses that began during the click. */
  readonly gcMs: number;
  /** Requests to SQLite's thread, and statements it had to compile for them. */
  readonly requests: number;
  readonly prepares: number;
}

interface Window {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits each measured click into SQLite's time, the event loop's and GC, so a bimodal click can be
 * traced: the rest of the wall time is waiting (messages between threads, the OS scheduling them).
 */
export class ClickProbe {
  private readonly gcs: { start: number; duration: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      this.gcs.push({ start: entry.startTime, duration: entry.duration });
  });

  constructor(private readonly activity: () => SqliteWorkerActivity | null) {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Starts timing one click; the returned function ends it (GC is attributed by `parts`). */
  start(): () => { window: Window; partial: Omit<ClickParts, 'gcMs'> } {
    const before = this.activity();
    const loop = performance.eventLoopUtilization();
    const start = performance.now();
    return () => {
      const end = performance.now();
      const used = performance.eventLoopUtilization(loop);
      const after = this.activity();
      return {
        window: { start, end },
        partial: {
          wallMs: end - start,
          sqliteMs: (after?.busyMs ?? 0) - (before?.busyMs ?? 0),
          mainMs: used.active,
          requests: (after?.requests ?? 0) - (before?.requests ?? 0),
          prepares: (after?.prepares ?? 0) - (before?.prepares ?? 0),
        },
      };
    };
  }

  /** The clicks' parts, GC attributed by when each pause began. */
  parts(clicks: readonly { window: Window; partial: Omit<ClickParts, 'gcMs'> }[]): ClickParts[] {
    for (const entry of this.observer.takeRecords())
      this.gcs.push({ start: entry.startTime, duration: entry.duration });
    return clicks.map(({ window, partial }) => ({
      ...partial,
      gcMs: this.gcs
        .filter((gc) => gc.start >= window.start && gc.start < window.end)
        .reduce((sum, gc) => sum + gc.duration, 0),
    }));
  }

  stop(): void {
    this.observer.disconnect();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const round = (ms: number): number => Math.round(ms * 10) / 10;

/** `<click>: SQLite ms median`, … for the JSON figures (`--breakdown`). */
export function breakdownFigures(click: string, parts: readonly ClickParts[]): Record<string, number> {
  return {
    [`${click} SQLite ms median`]: round(median(parts.map((part) => part.sqliteMs))),
    [`${click} main-thread ms median`]: round(median(parts.map((part) => part.mainMs))),
    [`${click} GC ms total`]: round(parts.reduce((sum, part) => sum + part.gcMs, 0)),
    [`${click} requests per click`]: median(parts.map((part) => part.requests)),
    [`${click} statements compiled`]: parts.reduce((sum, part) => sum + part.prepares, 0),
  };
}

/** One line per click on stderr, for reading a bimodal run sample by sample. */
export function breakdownLines(click: string, parts: readonly ClickParts[]): string {
  const cell = (part: ClickParts): string =>
    `${round(part.wallMs)}=${round(part.sqliteMs)}s+${round(part.mainMs)}m(${round(part.gcMs)}gc,${part.prepares}p)`;
  return `${click}: ${parts.map(cell).join(' ')}`;
}
