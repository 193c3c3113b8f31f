/** Samples resident and heap memory while a benchmark runs; the peak is what the issue asks for. */
export function sampleMemory(intervalMs = 25): { stop(): { peakRssMb: number; peakHeapMb: number } } {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
      return { peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap) };
    },
  };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - start) };
}
