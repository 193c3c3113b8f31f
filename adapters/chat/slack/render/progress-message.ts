import type { ProgressView } from '../../../../src/app/views.js';
import { PROVIDER_LABELS } from '../../../../src/domain/provider.js';
import { context, type SlackMessage, section } from '../blocks.js';
import { formatCount } from '../mrkdwn.js';

export function progressText(view: ProgressView): string {
  const what = view.phase === 'companies' ? 'companies' : 'contacts';
  const provider = PROVIDER_LABELS[view.provider];
  if (view.total === null || view.total === 0)
    return `Fetching ${what} from ${provider}… ${formatCount(view.done)} so far`;
  const percent = Math.min(100, Math.floor((view.done / view.total) * 100));
  return `Fetching ${what} from ${provider}… ${formatCount(view.done)} of ${formatCount(view.total)} (${percent}%)`;
}

export function renderProgress(view: ProgressView): SlackMessage {
  const text = progressText(view);
  return { text, blocks: [section(`:hourglass_flowing_sand: ${text}`)] };
}

/** A short line that replaces a working message (progress, an old review) once it moved on. */
export function renderNote(escaped: string, fallback: string): SlackMessage {
  return { text: fallback, blocks: [context(escaped)] };
}
