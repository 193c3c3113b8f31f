/** The main thread's memory at one moment, in MB (`process.memoryUsage()`). */
export interface MemoryFigures {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

export interface MemoryPeak {
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  /** Every figure at the sample where RSS peaked: what the peak was made of. */
  readonly atPeak: MemoryFigures;
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

function figures(usage: NodeJS.MemoryUsage): MemoryFigures {
  return {
    rss: mb(usage.rss),
    heapUsed: mb(usage.heapUsed),
    heapTotal: mb(usage.heapTotal),
    external: mb(usage.external),
    arrayBuffers: mb(usage.arrayBuffers),
  };
}

/** Samples resident and heap memory while a benchmark runs; the peak is what the issue asks for. */
export function sampleMemory(intervalMs = 25): { stop(): MemoryPeak } {
  let peak = process.memoryUsage();
  let peakHeap = peak.heapUsed;
  const sample = (): void => {
    const usage = process.memoryUsage();
    if (usage.rss > peak.rss) peak = usage;
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMb: mb(peak.rss), peakHeapMb: mb(peakHeap), atPeak: figures(peak) };
    },
  };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - start) };
}
