import type { ImportBot } from '../../../src/app/bot-api.js';
import type { RunSummary, View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';

/** A number as `/psa status` prints it: the open imports, counted from 1. */
const STATUS_NUMBER = /^\d{1,3}$/;

export type ResolvedRun = { readonly runId: string } | { readonly view: View };

/**
 * The run a typed reference means: a number from `/psa status` (two admins may each have an
 * import waiting, and either may act on the other's), or a run id as it is. `pick` chooses when
 * nothing was typed; it gets the open runs and may refuse when more than one could be meant.
 */
export async function resolveRunRef(bot: ImportBot, actor: Actor, ref: string): Promise<ResolvedRun> {
  if (!STATUS_NUMBER.test(ref)) return { runId: ref };
  const open = await openRuns(bot, actor);
  if ('view' in open) return open;
  const run = open.runs[Number(ref) - 1];
  if (run === undefined) {
    return {
      view: {
        kind: 'error',
        code: 'invalid_input',
        details: { hint: `there is no import ${ref} in /psa status; it lists ${open.runs.length}` },
      },
    };
  }
  return { runId: run.runId };
}

export async function openRuns(
  bot: ImportBot,
  actor: Actor,
): Promise<{ readonly runs: readonly RunSummary[] } | { readonly view: View }> {
  const status = await bot.handle(actor, { kind: 'status' });
  return status.kind === 'status' ? { runs: status.open } : { view: status };
}

/** `ref`, or without one the admin's own open import, else the only or first one open. */
export async function runFor(bot: ImportBot, actor: Actor, ref: string | null): Promise<ResolvedRun> {
  if (ref !== null) return resolveRunRef(bot, actor, ref);
  const open = await openRuns(bot, actor);
  if ('view' in open) return open;
  const run = open.runs.find((summary) => summary.requesterName === actor.displayName) ?? open.runs[0];
  return run === undefined
    ? { view: { kind: 'error', code: 'run_not_found', details: {} } }
    : { runId: run.runId };
}

/** `/psa cancel [n|id]`: without a reference the core cancels the admin's own open import. */
export async function cancelRun(bot: ImportBot, actor: Actor, ref: string | null): Promise<View> {
  if (ref === null) return bot.handle(actor, { kind: 'cancel', runId: null });
  const run = await resolveRunRef(bot, actor, ref);
  return 'view' in run ? run.view : bot.handle(actor, { kind: 'cancel', runId: run.runId });
}
