import { z } from 'zod';
import type { View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import {
  DEFAULT_PROVIDER,
  isProvider,
  PROVIDER_LABELS,
  type Provider,
} from '../../../src/domain/provider.js';
import { Secret } from '../../../src/domain/secret.js';
import { firstDelivery } from '../shared/dedupe.js';
import { conversationOf, isChannel, type TeamsActivity } from './activity.js';
import {
  credentialsDialogCard,
  DIALOG,
  DIALOG_INPUT,
  filterTextOf,
  importDialogCard,
} from './dialog-cards.js';
import { runImport } from './import-runner.js';
import { dialogCard, dialogMessage } from './invoke-responses.js';
import { type TeamsDeps, withinDeadline } from './teams-deps.js';
import { identify } from './tenancy.js';
import { cardForView } from './view-card.js';

/**
 * The "Import from PSA" dialog, opened by the message extension (`composeExtension/fetchTask`)
 * or a card button (`task/fetch`), and its submits. Answers are dialog responses: the next card,
 * or a closing message; the import itself runs in the background.
 */

const dataSchema = z
  .object({
    dialog: z.enum([DIALOG.import, DIALOG.connectForm, DIALOG.connect, DIALOG.importForm]).optional(),
    provider: z.string().max(40).optional(),
  })
  .catchall(z.unknown());

type DialogData = z.infer<typeof dataSchema>;

/** Teams retries a slow invoke within seconds; the same request after this is a new import. */
const RETRY_WINDOW_MS = 2 * 60_000;

const valueSchema = z.object({ data: z.unknown().optional() }).passthrough();

function dataOf(activity: TeamsActivity): DialogData {
  const value = valueSchema.safeParse(activity.value);
  const data = dataSchema.safeParse(value.success ? (value.data.data ?? {}) : {});
  return data.success ? data.data : {};
}

function providerOf(data: DialogData): Provider {
  const provider = data.provider ?? '';
  return isProvider(provider) ? provider : DEFAULT_PROVIDER;
}

function textOf(data: DialogData, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : '';
}

function credentialsOf(data: DialogData): Record<string, string> {
  const prefix = DIALOG_INPUT.credential('');
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith(prefix) && typeof value === 'string') fields[key.slice(prefix.length)] = value.trim();
  }
  return fields;
}

/** Who is asking, and whether the core takes them as an admin; the refusal card otherwise. */
async function admitted(deps: TeamsDeps, activity: TeamsActivity): Promise<Actor | View> {
  const identity = identify(activity, deps.allowedTenants);
  if (!identity.ok) return { kind: 'error', code: 'foreign_user', details: {} };
  // A cheap read every admin may do: refuses non-admins before any form or post appears.
  const status = await deps.bot.handle(identity.actor, { kind: 'status' });
  return status.kind === 'error' ? status : identity.actor;
}

function isActor(value: Actor | View): value is Actor {
  return 'userId' in value;
}

export async function openDialog(deps: TeamsDeps, activity: TeamsActivity) {
  const actor = await admitted(deps, activity);
  if (!isActor(actor)) return dialogCard(cardForView(actor));
  const data = dataOf(activity);
  if (data.dialog === DIALOG.connectForm) return showCredentialsForm(deps, actor, providerOf(data));
  return dialogCard(importDialogCard(providerOf(data)));
}

async function showCredentialsForm(
  deps: TeamsDeps,
  actor: Actor,
  provider: Provider,
  problem: View | null = null,
) {
  const view = await deps.bot.handle(actor, { kind: 'connect-form', provider });
  const banner = problem === null ? null : cardForView(problem);
  if (view.kind !== 'credentials-form') return dialogCard(importDialogCard(provider, cardForView(view)));
  return dialogCard(credentialsDialogCard(provider, view.fields, banner));
}

async function connect(deps: TeamsDeps, activity: TeamsActivity, actor: Actor, data: DialogData) {
  const provider = providerOf(data);
  if (
    activity.id !== undefined &&
    !(await firstDelivery(deps.bot, 'teams', 'dialog', activity.id, deps.dedupeTtlMs))
  ) {
    return dialogMessage('Already received: the connection test is running.');
  }
  const credentials = new Secret(credentialsOf(data));
  const work = deps.bot.handle(actor, { kind: 'connect', provider, credentials });
  const outcome = await withinDeadline(deps, work);
  if (!outcome.done) {
    const conversation = conversationOf(activity);
    deps.background.run('teams-connect', async () => {
      await deps.connector.post(conversation, cardForView(await work));
    });
    return dialogMessage(
      `Testing the connection to ${PROVIDER_LABELS[provider]}. The result will be posted here.`,
    );
  }
  if (outcome.value.kind === 'connected') {
    return dialogMessage(`Connected to ${PROVIDER_LABELS[provider]}. The connection test passed.`);
  }
  return showCredentialsForm(deps, actor, provider, outcome.value);
}

async function startImport(deps: TeamsDeps, activity: TeamsActivity, actor: Actor, data: DialogData) {
  const provider = providerOf(data);
  const filterText = filterTextOf({
    types: textOf(data, DIALOG_INPUT.types),
    statuses: textOf(data, DIALOG_INPUT.statuses),
    inactive: textOf(data, DIALOG_INPUT.inactive) === 'true',
    all: textOf(data, DIALOG_INPUT.all) === 'true',
  });
  // Teams retries an invoke it thinks was slow: the activity id, and a key for this person asking
  // for this import in this conversation, each let exactly one of the copies through.
  const keys: [string, number][] = [
    ...(activity.id === undefined
      ? []
      : [[`teams:dialog:${activity.id}`, deps.dedupeTtlMs] as [string, number]]),
    [
      `teams:import:${actor.workspaceId}:${actor.userId}:${activity.conversation.id}:${provider}:${filterText}`,
      RETRY_WINDOW_MS,
    ],
  ];
  for (const [key, ttlMs] of keys) {
    if (!(await deps.bot.claimOnce(key, ttlMs))) {
      return dialogMessage('This import was already started. Follow it in the thread.');
    }
  }
  const request = {
    actor,
    conversation: conversationOf(activity),
    channel: isChannel(activity),
    provider,
    filterText,
  };
  deps.background.run('teams-import', () => runImport(deps, request));
  return dialogMessage(
    `Import from ${PROVIDER_LABELS[provider]} started. Follow it in the thread of this conversation.`,
  );
}

export async function submitDialog(deps: TeamsDeps, activity: TeamsActivity) {
  const actor = await admitted(deps, activity);
  if (!isActor(actor)) return dialogCard(cardForView(actor));
  const data = dataOf(activity);
  switch (data.dialog) {
    case DIALOG.connectForm:
      return showCredentialsForm(deps, actor, providerOf(data));
    case DIALOG.connect:
      return connect(deps, activity, actor, data);
    case DIALOG.import:
      return startImport(deps, activity, actor, data);
    default:
      return dialogCard(importDialogCard(providerOf(data)));
  }
}
