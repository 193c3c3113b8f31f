import { messageFor } from '../shared/error-messages.js';
import { logError } from '../shared/log-error.js';
import { parseActivity } from './activity.js';
import { handleCardAction } from './card-action-handler.js';
import { openDialog, submitDialog } from './dialog-handlers.js';
import { dialogMessage, messageResponse, searchResponse } from './invoke-responses.js';
import { handleMessage } from './message-handler.js';
import type { TeamsDeps } from './teams-deps.js';

export interface InvokeAnswer {
  readonly status: number;
  readonly body?: unknown;
}

const ok = (body: unknown): InvokeAnswer => ({ status: 200, body });

/**
 * Every verified activity arrives here. Invokes are answered with their response body; messages
 * are answered with replies in the conversation (and an empty 200); everything else is ignored.
 */
export async function routeActivity(deps: TeamsDeps, raw: unknown): Promise<InvokeAnswer> {
  try {
    return await route(deps, raw);
  } catch (error) {
    // Our failure (a connector call, a bug): logged, and Teams gets an answer it can show.
    logError(deps.logger, 'teams activity failed', error);
    const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
    return { status: 200, body: fallbackFor(name) };
  }
}

function fallbackFor(name: unknown): unknown {
  const text = messageFor('internal').text;
  if (name === 'adaptiveCard/action') return messageResponse(`${text}. Try again.`);
  if (name === 'application/search') return searchResponse([]);
  if (typeof name === 'string' && /^(composeExtension|task)\//.test(name))
    return dialogMessage(`${text}. Try again.`);
  return undefined;
}

async function route(deps: TeamsDeps, raw: unknown): Promise<InvokeAnswer> {
  const activity = parseActivity(raw);
  if (activity === null) return { status: 400 };
  if (activity.type === 'message') {
    await handleMessage(deps, activity);
    return { status: 200 };
  }
  if (activity.type !== 'invoke') return { status: 200 };
  switch (activity.name) {
    case 'composeExtension/fetchTask':
    case 'task/fetch':
      return ok(await openDialog(deps, activity));
    case 'composeExtension/submitAction':
    case 'task/submit':
      return ok(await submitDialog(deps, activity));
    case 'adaptiveCard/action':
      return ok(await handleCardAction(deps, activity));
    // No card asks for typeahead results any more (`choices.data` is 1.6): an old card gets none.
    case 'application/search':
      return ok(searchResponse([]));
    default:
      return { status: 200 };
  }
}
