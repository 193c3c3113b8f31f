import { AppError, ERROR_CODES, type ErrorCode } from '../../domain/errors.js';
import { PROVIDER_LABELS, type Provider } from '../../domain/provider.js';
import {
  type Cadence,
  canonicalTimeZone,
  DEFAULT_MINUTE_OF_DAY,
  DEFAULT_TIME_ZONE,
  DEFAULT_WEEKDAY,
  type DigestSchedule,
  describeSchedule,
  nextDueAfter,
  parseTimeOfDay,
  parseWeekday,
} from '../../domain/schedule.js';
import type { ThreadRef } from '../../domain/thread-ref.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import type { DigestHistoryEntry, DigestScheduleSummary, View } from '../views.js';

export interface ScheduleRequest {
  readonly provider: Provider;
  readonly cadence: Cadence;
  readonly day: string | null;
  readonly time: string | null;
  readonly timeZone: string | null;
  readonly always: boolean;
  readonly conversation: ThreadRef | null;
}

function scheduleOf(deps: AppDeps, request: ScheduleRequest): DigestSchedule {
  const weekday = request.day === null ? DEFAULT_WEEKDAY : parseWeekday(request.day);
  if (weekday === null) throw new AppError('invalid_input', { hint: 'name the day: monday … sunday' });
  if (request.cadence === 'daily' && request.day !== null)
    throw new AppError('invalid_input', { hint: 'a daily digest takes no day; use weekly <day>' });
  const minuteOfDay = request.time === null ? DEFAULT_MINUTE_OF_DAY : parseTimeOfDay(request.time);
  if (minuteOfDay === null)
    throw new AppError('invalid_input', { hint: 'give the time as HH:MM, e.g. 08:00' });
  const zone = canonicalTimeZone(
    request.timeZone ?? deps.settings.digestDefaultTimeZone ?? DEFAULT_TIME_ZONE,
  );
  if (zone === null)
    throw new AppError('invalid_input', {
      hint: 'unknown time zone; use an IANA name such as Europe/Berlin',
    });
  return { cadence: request.cadence, weekday, minuteOfDay, timeZone: zone };
}

/** `/psa schedule <provider> daily|weekly …`: the digest goes where the command was typed. */
export async function setDigestSchedule(
  deps: AppDeps,
  access: Access,
  request: ScheduleRequest,
): Promise<View> {
  const conversation = request.conversation;
  if (conversation === null)
    throw new AppError('invalid_input', { hint: 'set the schedule in a conversation where I can post' });
  const schedule = scheduleOf(deps, request);
  const { repos } = deps.storage;
  const integration = await repos.integrations.find(access.tenant.id, request.provider);
  if (integration === null) throw new AppError('credentials_required');
  const now = deps.clock.now();
  const nextDueAt = nextDueAfter(schedule, now).toISOString();
  await deps.storage.transaction(async (trx) => {
    await trx.digests.upsert({
      integrationId: integration.id,
      tenantId: access.tenant.id,
      provider: request.provider,
      schedule,
      always: request.always,
      conversation,
      setBy: access.actorKey,
      setAt: now.toISOString(),
      nextDueAt,
      lastRunAt: null,
      reportedKeys: null,
      reportedFingerprint: null,
      reportedAt: null,
      lastErrorCode: null,
    });
    await audit(
      { repos: trx, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId: null,
        actorKey: access.actorKey,
        action: 'digest.scheduled',
        detail: { provider: request.provider, ...schedule, always: request.always, nextDueAt },
      },
    );
  });
  return {
    kind: 'notice',
    tone: 'success',
    text: `Change digest for ${PROVIDER_LABELS[request.provider]}: ${describeSchedule(schedule)}${
      request.always ? ', also when nothing changed' : ''
    }. It will be posted here; the next one is due ${nextDueAt}.`,
  };
}

export async function turnDigestOff(deps: AppDeps, access: Access, provider: Provider): Promise<View> {
  const integration = await deps.storage.repos.integrations.find(access.tenant.id, provider);
  const removed = await deps.storage.transaction(async (trx) => {
    const gone = integration === null ? false : await trx.digests.remove(integration.id);
    if (gone) {
      await audit(
        { repos: trx, clock: deps.clock, ids: deps.ids },
        {
          tenantId: access.tenant.id,
          runId: null,
          actorKey: access.actorKey,
          action: 'digest.unscheduled',
          detail: { provider },
        },
      );
    }
    return gone;
  });
  return {
    kind: 'notice',
    tone: 'info',
    text: removed
      ? `The change digest for ${PROVIDER_LABELS[provider]} is off.`
      : `There was no change digest scheduled for ${PROVIDER_LABELS[provider]}.`,
  };
}

export async function digestScheduleSummaries(
  deps: AppDeps,
  tenantId: string,
): Promise<DigestScheduleSummary[]> {
  const records = await deps.storage.repos.digests.listByTenant(tenantId);
  return records.map((record) => ({
    provider: record.provider,
    description: describeSchedule(record.schedule),
    always: record.always,
    nextDueAt: record.nextDueAt,
    lastRunAt: record.lastRunAt,
  }));
}

function asErrorCode(code: string | null): ErrorCode | null {
  return code !== null && (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : null;
}

export async function digestHistory(deps: AppDeps, tenantId: string): Promise<DigestHistoryEntry[]> {
  const entries = await deps.storage.repos.digests.listLog(tenantId, 10);
  return entries.map((entry) => ({
    provider: entry.provider,
    at: entry.at,
    outcome: entry.outcome,
    changes: entry.changes,
    errorCode: asErrorCode(entry.errorCode),
  }));
}
