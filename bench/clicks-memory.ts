import type { SqliteWorkerMemory } from '../adapters/storage/sqlite-worker.js';
import { type MemoryFigures, type MemoryPeak, sampleMemory } from './memory-sampler.js';

/** How often the SQLite thread is asked for its heap: a message between two statements. */
const WORKER_POLL_MS = 100;

/** The SQLite thread's largest figures during a phase (null: PostgreSQL, or it never answered). */
interface WorkerPeak {
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  /** The most SQL text its statement cache held, thousands of characters. */
  readonly statementKChars: number;
}

interface PhasePeak {
  readonly name: string;
  readonly main: MemoryPeak;
  readonly worker: WorkerPeak | null;
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/**
 * The import's memory phase by phase (fetch, clicks, apply…): the main thread's figures where each
 * phase's RSS peaked and the SQLite thread's heap, so a peak can be traced to what made it.
 */
export class PhaseMemory {
  private readonly done: PhasePeak[] = [];
  private current: {
    name: string;
    main: ReturnType<typeof sampleMemory>;
    stopWorker(): Promise<WorkerPeak | null>;
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
    this.done.push({ name: current.name, main, worker: await current.stopWorker() });
  }

  /** The largest RSS of the finished phases that `filter` keeps. */
  peakRssMb(filter: (name: string) => boolean = () => true): number {
    return Math.max(0, ...this.done.filter((peak) => filter(peak.name)).map((peak) => peak.main.peakRssMb));
  }

  peakHeapMb(): number {
    return Math.max(0, ...this.done.map((peak) => peak.main.peakHeapMb));
  }

  workerPeakHeapMb(): number {
    return Math.max(0, ...this.done.map((peak) => peak.worker?.heapUsedMb ?? 0));
  }

  /** `memory <phase>: <figure>` for every phase: RSS, heaps, external, array buffers, SQLite thread. */
  figures(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { name, main, worker } of this.done) {
      const at: MemoryFigures = main.atPeak;
      out[`memory ${name}: peak RSS (MB)`] = main.peakRssMb;
      out[`memory ${name}: heap used at peak (MB)`] = at.heapUsed;
      out[`memory ${name}: heap total at peak (MB)`] = at.heapTotal;
      out[`memory ${name}: external at peak (MB)`] = at.external;
      out[`memory ${name}: array buffers at peak (MB)`] = at.arrayBuffers;
      if (worker === null) continue;
      out[`memory ${name}: SQLite thread peak heap used (MB)`] = worker.heapUsedMb;
      out[`memory ${name}: SQLite thread peak heap total (MB)`] = worker.heapTotalMb;
      out[`memory ${name}: SQLite statement cache peak (k chars of SQL)`] = worker.statementKChars;
    }
    return out;
  }

  /** Polls the SQLite thread until stopped; resolves with the largest figures seen. */
  private pollWorker(): () => Promise<WorkerPeak | null> {
    let peak: WorkerPeak | null = null;
    let asking: Promise<void> | null = null;
    const ask = (): Promise<void> => {
      // One question at a time: a thread busy with a long statement answers after it.
      asking ??= this.workerMemory().then(
        (memory) => {
          asking = null;
          if (memory === null) return;
          peak = {
            heapUsedMb: Math.max(peak?.heapUsedMb ?? 0, mb(memory.heapUsed)),
            heapTotalMb: Math.max(peak?.heapTotalMb ?? 0, mb(memory.heapTotal)),
            statementKChars: Math.max(peak?.statementKChars ?? 0, Math.round(memory.statementChars / 1000)),
          };
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
