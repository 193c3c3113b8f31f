import {
  DIRECTORY_EVENT_TYPES,
  isDirectoryEventType,
  PING_EVENT_TYPE,
} from '../../domain/directory-events.js';
import { AppError } from '../../domain/errors.js';
import type { WebhookEndpointRecord } from '../../ports/directory-api.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import type { View } from '../views.js';
import { checkWebhookUrl } from './directory-labels.js';

/** How long a rotated-out secret still signs, so receivers can switch without losing events. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/**
 * A Standard Webhooks secret: `whsec_` and base64 of 36 random bytes. Ids are 16 base64url
 * characters of 12 CSPRNG bytes each in production; three of them re-spelled in base64 are the key.
 */
export function newWebhookSecret(deps: Pick<AppDeps, 'ids'>): string {
  const base64url = `${deps.ids.next()}${deps.ids.next()}${deps.ids.next()}`;
  return `whsec_${base64url.replace(/-/g, '+').replace(/_/g, '/')}`;
}

function parseEvents(words: readonly string[]): string[] {
  const events = [...new Set(words.map((w) => w.trim()).filter((w) => w !== '' && w !== 'all'))];
  const unknown = events.find((e) => !isDirectoryEventType(e));
  if (unknown !== undefined) {
    throw new AppError('invalid_input', { hint: `events are ${DIRECTORY_EVENT_TYPES.join(', ')} (or all)` });
  }
  return events;
}

async function findEndpoint(deps: AppDeps, access: Access, id: string): Promise<WebhookEndpointRecord> {
  const endpoint = await deps.storage.repos.directoryApi.endpoints.get(access.tenant.id, id.trim());
  if (endpoint === null) throw new AppError('invalid_input', { hint: 'no webhook endpoint has that id' });
  return endpoint;
}

async function auditEndpoint(deps: AppDeps, access: Access, action: string, endpoint: WebhookEndpointRecord) {
  await audit(
    { repos: deps.storage.repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId: null,
      actorKey: access.actorKey,
      action,
      detail: { endpointId: endpoint.id, url: endpoint.url },
    },
  );
}

export async function addWebhook(
  deps: AppDeps,
  access: Access,
  rawUrl: string,
  eventWords: readonly string[],
): Promise<View> {
  const checked = checkWebhookUrl(rawUrl);
  if (!checked.ok) throw new AppError('invalid_input', { hint: checked.hint });
  const events = parseEvents(eventWords);
  const id = deps.ids.next();
  const secret = newWebhookSecret(deps);
  const now = deps.clock.now().toISOString();
  const record: WebhookEndpointRecord = {
    id,
    tenantId: access.tenant.id,
    url: checked.url,
    events,
    sealedSecret: deps.secrets.seal(secret, id),
    sealedPreviousSecret: null,
    previousSecretUntil: null,
    disabledAt: null,
    disabledReason: null,
    createdBy: access.actor.displayName,
    createdAt: now,
    updatedAt: now,
  };
  await deps.storage.repos.directoryApi.endpoints.insert(record);
  await auditEndpoint(deps, access, 'webhook.added', record);
  return { kind: 'webhook-secret', endpointId: id, url: checked.url, events, secret, rotated: false };
}

export async function listWebhooks(deps: AppDeps, access: Access): Promise<View> {
  const repo = deps.storage.repos.directoryApi.endpoints;
  const [endpoints, health] = await Promise.all([repo.list(access.tenant.id), repo.health(access.tenant.id)]);
  return {
    kind: 'webhooks',
    endpoints: endpoints.map((e) => {
      const h = health.find((x) => x.endpointId === e.id);
      return {
        id: e.id,
        url: e.url,
        events: e.events,
        disabledReason: e.disabledAt === null ? null : (e.disabledReason ?? 'disabled'),
        queued: h?.queued ?? 0,
        failed: h?.failed ?? 0,
        lastSuccessAt: h?.lastSuccessAt ?? null,
        lastError: h?.lastError ?? null,
      };
    }),
  };
}

export async function pingWebhook(deps: AppDeps, access: Access, id: string): Promise<View> {
  const endpoint = await findEndpoint(deps, access, id);
  const now = deps.clock.now().toISOString();
  const event = {
    id: `evt_${deps.ids.next()}`,
    type: PING_EVENT_TYPE,
    timestamp: now,
    data: { endpointId: endpoint.id },
  } as const;
  await deps.storage.repos.directoryApi.outbox.append([
    { event, tenantId: access.tenant.id, runId: null, endpointId: endpoint.id },
  ]);
  await auditEndpoint(deps, access, 'webhook.pinged', endpoint);
  return {
    kind: 'notice',
    tone: 'info',
    text: 'A test event is on its way; see `/psa webhooks` for the outcome',
  };
}

export async function rotateWebhookSecret(deps: AppDeps, access: Access, id: string): Promise<View> {
  const endpoint = await findEndpoint(deps, access, id);
  const secret = newWebhookSecret(deps);
  const now = deps.clock.now();
  await deps.storage.repos.directoryApi.endpoints.rotateSecret(
    access.tenant.id,
    endpoint.id,
    {
      sealedSecret: deps.secrets.seal(secret, endpoint.id),
      sealedPreviousSecret: endpoint.sealedSecret,
      previousSecretUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString(),
    },
    now.toISOString(),
  );
  await auditEndpoint(deps, access, 'webhook.secret-rotated', endpoint);
  return {
    kind: 'webhook-secret',
    endpointId: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    secret,
    rotated: true,
  };
}

export async function disableWebhook(deps: AppDeps, access: Access, id: string): Promise<View> {
  const endpoint = await findEndpoint(deps, access, id);
  const now = deps.clock.now().toISOString();
  await deps.storage.repos.directoryApi.endpoints.disable(
    access.tenant.id,
    endpoint.id,
    'disabled by an admin',
    now,
  );
  await auditEndpoint(deps, access, 'webhook.disabled', endpoint);
  return { kind: 'notice', tone: 'success', text: 'Webhook endpoint disabled', subject: endpoint.url };
}

export async function removeWebhook(deps: AppDeps, access: Access, id: string): Promise<View> {
  const endpoint = await findEndpoint(deps, access, id);
  await deps.storage.transaction((repos) =>
    repos.directoryApi.endpoints.remove(access.tenant.id, endpoint.id),
  );
  await auditEndpoint(deps, access, 'webhook.removed', endpoint);
  return { kind: 'notice', tone: 'success', text: 'Webhook endpoint removed', subject: endpoint.url };
}

/**
 * The digest posted in an import's thread when an endpoint keeps failing that import's events.
 * Our own words only: the receiver's answers are reduced to a status code.
 */
export function endpointFailingNotice(failing: {
  readonly endpointId: string;
  readonly url: string;
  readonly attempts: number;
  readonly status: number | null;
  readonly gaveUp: boolean;
}): View {
  const answer = failing.status === null ? 'could not be reached' : `answered ${failing.status}`;
  const next = failing.gaveUp
    ? 'delivery of an event of this import was given up'
    : 'the events of this import stay queued and are retried';
  return {
    kind: 'notice',
    tone: 'warning',
    text: `Webhook endpoint ${failing.endpointId} keeps failing (${failing.attempts} attempts; the receiver ${answer}); ${next}. See /psa webhooks`,
    subject: failing.url,
  };
}
