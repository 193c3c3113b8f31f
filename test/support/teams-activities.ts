/**
 * The activities Teams posts to a bot, shaped as Teams sends them (only the fields that matter),
 * and a client that posts them with a Bot Framework token.
 */

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '0d0e0f10-1111-4222-8333-444455556666';
export const CHANNEL = '19:psa-imports@thread.tacv2';

export interface TeamsUser {
  readonly aadObjectId: string;
  readonly name: string;
  readonly tenantId?: string;
}

export const ALICE: TeamsUser = { aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Alice' };
export const BOB: TeamsUser = { aadObjectId: 'b0b0b0b0-0000-4000-8000-000000000002', name: 'Bob' };
export const CAROL: TeamsUser = {
  aadObjectId: 'c0c0c0c0-0000-4000-8000-000000000003',
  name: 'Carol (not an admin)',
};
export const MALLORY: TeamsUser = {
  aadObjectId: 'e0e0e0e0-0000-4000-8000-000000000004',
  name: 'Mallory (another organisation)',
  tenantId: OTHER_TENANT,
};

let counter = 0;

export interface ActivityOptions {
  readonly serviceUrl: string;
  readonly conversationId?: string;
  readonly conversationType?: 'channel' | 'groupChat' | 'personal';
  readonly id?: string;
  readonly replyToId?: string;
}

function base(user: TeamsUser, options: ActivityOptions) {
  counter++;
  return {
    id: options.id ?? `f:activity-${counter}`,
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: '2025-01-01T00:00:00.000Z',
    from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
    recipient: { id: '28:bot', name: 'PSA import' },
    conversation: {
      id: options.conversationId ?? CHANNEL,
      tenantId: TENANT,
      conversationType: options.conversationType ?? 'channel',
      isGroup: true,
    },
    channelData: { tenant: { id: user.tenantId ?? TENANT }, channel: { id: CHANNEL } },
    ...(options.replyToId === undefined ? {} : { replyToId: options.replyToId }),
  };
}

export function fetchTask(user: TeamsUser, options: ActivityOptions) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'composeExtension/fetchTask',
    value: { commandId: 'importFromPsa', commandContext: 'compose', context: { theme: 'default' } },
  };
}

export function submitAction(user: TeamsUser, data: Record<string, unknown>, options: ActivityOptions) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'composeExtension/submitAction',
    value: { commandId: 'importFromPsa', commandContext: 'compose', data, context: { theme: 'default' } },
  };
}

export function taskFetch(user: TeamsUser, data: Record<string, unknown>, options: ActivityOptions) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'task/fetch',
    value: { data, context: { theme: 'default' } },
  };
}

export function taskSubmit(user: TeamsUser, data: Record<string, unknown>, options: ActivityOptions) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'task/submit',
    value: { data, context: { theme: 'default' } },
  };
}

/** A click on an `Action.Execute` (or a refresh): Teams merges the card's inputs into `data`. */
export function cardAction(
  user: TeamsUser,
  action: { verb: string; data: Record<string, unknown> },
  options: ActivityOptions & { trigger?: 'manual' | 'automatic' },
) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: {
      action: { type: 'Action.Execute', id: '', verb: action.verb, data: action.data },
      trigger: options.trigger ?? 'manual',
    },
  };
}

export function search(user: TeamsUser, queryText: string, dataset: string, options: ActivityOptions) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'application/search',
    value: { kind: 'search', queryText, queryOptions: { skip: 0, top: 15 }, dataset },
  };
}

export function message(user: TeamsUser, text: string, options: ActivityOptions) {
  return { ...base(user, options), type: 'message', text: `<at>PSA import</at> ${text}` };
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** Posts an activity the way the Bot Connector does; `token` null sends no Authorization. */
export async function postActivity(
  botUrl: string,
  activity: unknown,
  token: string | null,
  authorization = token === null ? null : `Bearer ${token}`,
): Promise<Answer> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === null ? {} : { authorization }),
    },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
