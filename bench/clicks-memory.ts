import type { SqliteWorkerMemory } from '../adapters/storage/sqlite-worker.js';
import { type MemoryFigures, type MemoryPeak, sampleMemory } from './memory-sampler.js';

/** How often the SQLite thread is asked for its heap: a message between two statements. */
const WORKER_POLL_MS = 100;

interface PhasePeak {
  readonly name: string;
  readonly main: MemoryPeak;
  /** The SQLite thread's largest heap seen during the phase, MB (null: PostgreSQL). */
  readonly workerHeapMb: number | null;
}

/**
 * The import's memory phase by phase (fetch, clicks, apply…): the main thread's figures where each
 * phase's RSS peaked and the SQLite thread's heap, so a peak can be traced to what made it.
 */
export class PhaseMemory {
  private readonly done: PhasePeak[] = [];
  private current: {
    name: string;
    main: ReturnType<typeof sampleMemory>;
    stopWorker(): Promise<number | null>;
  } | null = null;

  constructor(private readonly workerMemory: () => Promise<SqliteWorkerMemory | null>) {}

  /** Ends the phase under way (if any) and starts `name`. */
  async phase(name: string): Promise<void> {
    await this.end();
    this.current = { name, main: sampleMemory(), stopWorker: this.pollWorker() };
  }

  /** Ends the phase under way. */
  async end(): Promise<void> {
    const current = this.current;
    if (current === null) return;
    this.current = null;
    const main = current.main.stop();
    this.done.push({ name: current.name, main, workerHeapMb: await current.stopWorker() });
  }

  /** The largest RSS of the finished phases that `filter` keeps. */
  peakRssMb(filter: (name: string) => boolean = () => true): number {
    return Math.max(0, ...this.done.filter((peak) => filter(peak.name)).map((peak) => peak.main.peakRssMb));
  }

  peakHeapMb(): number {
    return Math.max(0, ...this.done.map((peak) => peak.main.peakHeapMb));
  }

  workerPeakHeapMb(): number | null {
    const seen = this.done.flatMap((peak) => (peak.workerHeapMb === null ? [] : [peak.workerHeapMb]));
    return seen.length === 0 ? null : Math.max(...seen);
  }

  /** `memory <phase>: <figure> (MB)` for every phase: RSS, heaps, external, array buffers, SQLite heap. */
  figures(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { name, main, workerHeapMb } of this.done) {
      const at: MemoryFigures = main.atPeak;
      out[`memory ${name}: peak RSS (MB)`] = main.peakRssMb;
      out[`memory ${name}: heap used at peak (MB)`] = at.heapUsed;
      out[`memory ${name}: heap total at peak (MB)`] = at.heapTotal;
      out[`memory ${name}: external at peak (MB)`] = at.external;
      out[`memory ${name}: array buffers at peak (MB)`] = at.arrayBuffers;
      if (workerHeapMb !== null) out[`memory ${name}: SQLite thread peak heap (MB)`] = workerHeapMb;
    }
    return out;
  }

  /** Polls the SQLite thread's heap until stopped; resolves with the largest seen (MB). */
  private pollWorker(): () => Promise<number | null> {
    let peak: number | null = null;
    let asking: Promise<void> | null = null;
    const ask = (): Promise<void> => {
      // One question at a time: a thread busy with a long statement answers after it.
      asking ??= this.workerMemory().then(
        (memory) => {
          asking = null;
          if (memory !== null) peak = Math.max(peak ?? 0, Math.round(memory.heapUsed / 1024 / 1024));
        },
        () => {
          asking = null;
        },
      );
      return asking;
    };
    void ask();
    const timer = setInterval(() => void ask(), WORKER_POLL_MS);
    return async () => {
      clearInterval(timer);
      await ask();
      await ask();
      return peak;
    };
  }
}
