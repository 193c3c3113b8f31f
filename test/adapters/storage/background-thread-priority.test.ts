import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORAGE_THREAD_NICE_INCREMENT } from '../../../adapters/storage/background-thread-priority.js';
import { openStorage } from '../../../adapters/storage/open-storage.js';

/** This process's threads by their nice value (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadsAtNice(nice: number): number {
  let count = 0;
  for (const task of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[16]) === nice) count += 1;
    } catch {
      // The thread ended while we read.
    }
  }
  return count;
}

describe.runIf(existsSync('/proc/thread-self'))('storage threads on Linux', () => {
  it('run below the event loop: the SQLite thread and the WAL checkpointer each raise their nice value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psa-thread-priority-'));
    const lowered = Math.min(19, getPriority() + STORAGE_THREAD_NICE_INCREMENT);
    const before = threadsAtNice(lowered);
    const opened = await openStorage(join(dir, 'psa.db'), { migrate: true });
    try {
      // A statement has run, so both threads are up (the checkpointer starts after the migration).
      await opened.checkpoint();
      expect(threadsAtNice(lowered) - before).toBe(2);
      // The event loop's own priority is left alone.
      expect(getPriority()).toBeLessThan(lowered);
    } finally {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
