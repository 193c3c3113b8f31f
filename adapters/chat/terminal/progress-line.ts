import type { ProgressView } from '../../../src/app/views.js';
import { renderProgress } from './render-run.js';

export interface ProgressPrinter {
  show(view: ProgressView): void;
  /** Ends an updating line so the next output starts on its own line. */
  settle(): void;
}

/**
 * In a TTY, one line rewritten in place. Otherwise (a script reading our output) a line per phase
 * and per quarter of the total, or per thousand records when the total is unknown: enough to see
 * it move, never a flood.
 */
export function progressPrinter(write: (text: string) => void, interactive: boolean): ProgressPrinter {
  let open = false;
  let lastKey = '';
  return {
    show(view) {
      if (interactive) {
        write(`\r\x1b[2K${renderProgress(view)}`);
        open = true;
        return;
      }
      const step =
        view.total === null
          ? Math.floor(view.done / 1000)
          : Math.floor((view.done * 4) / Math.max(1, view.total));
      const key = `${view.runId}:${view.phase}:${step}`;
      if (key === lastKey) return;
      lastKey = key;
      write(`${renderProgress(view)}\n`);
    },
    settle() {
      if (!open) return;
      write('\n');
      open = false;
    },
  };
}
