import { digestDecision } from '../../domain/digest.js';
import { AppError, type ErrorCode, isAppError } from '../../domain/errors.js';
import type { Provider } from '../../domain/provider.js';
import { nextDueAfter } from '../../domain/schedule.js';
import type { ThreadRef } from '../../domain/thread-ref.js';
import type { DigestScheduleRecord } from '../../ports/digest-store.js';
import type { IntegrationRecord } from '../../ports/storage.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import { damageReporter } from '../damage-report.js';
import type { AppDeps } from '../deps.js';
import type { DigestView } from '../views.js';
import { computeIntegrationDigest, type DigestOutcome, digestView } from './digest.js';

/** A digest to post, and where. */
export interface DigestDelivery {
  readonly tenantId: string;
  readonly provider: Provider;
  readonly conversation: ThreadRef;
  readonly view: DigestView;
}

export type DigestDeliver = (delivery: DigestDelivery) => Promise<void>;

/** What the composition root's scheduler calls. */
export interface DigestRunner {
  /**
   * Runs every digest due now that this replica (`holder`) can claim, each once, handing what is
   * to be posted to `deliver`. Returns how many ran.
   */
  runDue(holder: string, deliver: DigestDeliver): Promise<number>;
}

const SYSTEM = 'system';
/** How long one replica may hold a digest before another may take it over. */
const DIGEST_LEASE_MS = 15 * 60_000;
/** How long a schedule that does not read back is set aside before it is read again. */
const DAMAGED_RETRY_MS = 24 * 3_600_000;

export function digestLeaseKey(integrationId: string): string {
  return `digest:${integrationId}`;
}

function failureView(provider: Provider, error: unknown, nextDueAt: string | null): DigestView {
  const code: ErrorCode = isAppError(error) ? error.code : 'internal';
  const details = isAppError(error) ? error.details : {};
  return {
    kind: 'digest',
    provider,
    since: null,
    total: 0,
    sections: [],
    duplicates: 0,
    filterText: '',
    importCommand: '',
    error: { code, details },
    nextDueAt,
  };
}

async function logDigest(
  deps: AppDeps,
  record: Pick<DigestScheduleRecord, 'tenantId' | 'integrationId' | 'provider'>,
  view: DigestView,
  fingerprint: string | null,
): Promise<void> {
  const { repos } = deps.storage;
  const outcome = view.error !== null ? 'failed' : view.total > 0 ? 'changes' : 'no-changes';
  const at = deps.clock.now().toISOString();
  await repos.digests.appendLog({
    id: deps.ids.next(),
    tenantId: record.tenantId,
    integrationId: record.integrationId,
    provider: record.provider,
    at,
    outcome,
    changes: view.total,
    fingerprint,
    errorCode: view.error?.code ?? null,
  });
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: record.tenantId,
      runId: null,
      actorKey: SYSTEM,
      action: 'digest.posted',
      detail: { provider: record.provider, outcome, changes: view.total, fingerprint },
    },
  );
}

/**
 * One scheduled digest whose slot this replica claimed. A failing PSA is reported once (the
 * same error at the next slots stays quiet until a digest succeeds again).
 */
async function runOne(
  deps: AppDeps,
  record: DigestScheduleRecord,
  integration: IntegrationRecord,
  nextDueAt: string,
  deliver: DigestDeliver,
): Promise<void> {
  const { repos } = deps.storage;
  const now = deps.clock.now().toISOString();
  const target = { tenantId: record.tenantId, provider: record.provider, conversation: record.conversation };
  let outcome: DigestOutcome;
  try {
    outcome = await computeIntegrationDigest(deps, integration);
  } catch (error) {
    const code = isAppError(error) ? error.code : 'internal';
    if (!isAppError(error)) deps.logger.error({ err: error, provider: record.provider }, 'digest failed');
    if (record.lastErrorCode !== code) {
      const view = failureView(record.provider, error, nextDueAt);
      await deliver({ ...target, view });
      await logDigest(deps, record, view, null);
    }
    await repos.digests.recordOutcome(record.integrationId, {
      lastRunAt: now,
      reportedKeys: record.reportedKeys,
      reportedFingerprint: record.reportedFingerprint,
      reportedAt: record.reportedAt,
      lastErrorCode: code,
    });
    return;
  }
  const decision = digestDecision(outcome.keys, record.reportedKeys);
  const view = digestView(integration, outcome, nextDueAt);
  if (decision === 'report' || (decision === 'quiet' && record.always)) {
    await deliver({ ...target, view });
    await logDigest(deps, record, view, decision === 'report' ? outcome.fingerprint : null);
  }
  const reported = decision === 'report';
  await repos.digests.recordOutcome(record.integrationId, {
    lastRunAt: now,
    reportedKeys: decision === 'quiet' ? null : reported ? outcome.keys : record.reportedKeys,
    reportedFingerprint:
      decision === 'quiet' ? null : reported ? outcome.fingerprint : record.reportedFingerprint,
    reportedAt: decision === 'quiet' ? null : reported ? now : record.reportedAt,
    lastErrorCode: null,
  });
}

/**
 * Claims and runs one due schedule. The lease keeps a second replica from fetching the same PSA
 * at the same time; the compare-and-set on the due time makes the slot run once even if a lease
 * expired mid-run. A slot missed while every replica was down runs once: the next due time is
 * the first one after now, not after the missed slot.
 */
async function claimAndRun(
  deps: AppDeps,
  due: DigestScheduleRecord,
  holder: string,
  deliver: DigestDeliver,
): Promise<boolean> {
  const { repos } = deps.storage;
  const now = deps.clock.now();
  const key = digestLeaseKey(due.integrationId);
  const lease = await repos.leases.acquire(
    key,
    holder,
    new Date(now.getTime() + DIGEST_LEASE_MS).toISOString(),
    now.toISOString(),
  );
  if (lease === null) return false;
  try {
    const nextDueAt = nextDueAfter(due.schedule, now).toISOString();
    if (!(await repos.digests.claimSlot(due.integrationId, due.nextDueAt, nextDueAt))) return false;
    const integration = await repos.integrations.get(due.integrationId);
    if (integration === null) return false;
    await runOne(deps, due, integration, nextDueAt, deliver);
    return true;
  } finally {
    await repos.leases.release(key, holder, lease.token);
  }
}

export function createDigestRunner(deps: AppDeps): DigestRunner {
  const reportDamaged = damageReporter(deps.logger);
  return {
    async runDue(holder, deliver) {
      const now = deps.clock.now();
      const due = await deps.storage.repos.digests.listDue(now.toISOString());
      reportDamaged(due.damaged);
      // listDue reads a bounded number of the earliest due; a damaged schedule left due would take
      // one of those places every round, and enough of them would starve every healthy schedule.
      const later = new Date(now.getTime() + DAMAGED_RETRY_MS).toISOString();
      for (const { table, id } of due.damaged) {
        if (table === 'digest_schedules') await deps.storage.repos.digests.setAside(id, later);
      }
      let ran = 0;
      for (const record of due.records) {
        try {
          if (await claimAndRun(deps, record, holder, deliver)) ran++;
        } catch (error) {
          // One integration's trouble (a chat that refuses the post) must not stop the others.
          deps.logger.error({ err: error, provider: record.provider }, 'digest could not be delivered');
        }
      }
      return ran;
    },
  };
}

/**
 * `/psa digest <provider>`: the digest now, to the asking admin, "no changes" included. When a
 * schedule exists the change set counts as reported, so the next scheduled digest does not repeat it.
 */
export async function digestNow(deps: AppDeps, access: Access, provider: Provider): Promise<DigestView> {
  const { repos } = deps.storage;
  const integration = await repos.integrations.find(access.tenant.id, provider);
  if (integration === null) throw new AppError('credentials_required');
  const outcome = await computeIntegrationDigest(deps, integration);
  const record = await repos.digests.get(integration.id);
  const view = digestView(integration, outcome, record?.nextDueAt ?? null);
  if (record !== null) {
    const now = deps.clock.now().toISOString();
    const nothing = outcome.keys.length === 0;
    await repos.digests.recordOutcome(integration.id, {
      lastRunAt: now,
      reportedKeys: nothing ? null : outcome.keys,
      reportedFingerprint: nothing ? null : outcome.fingerprint,
      reportedAt: nothing ? null : now,
      lastErrorCode: null,
    });
    await logDigest(deps, record, view, nothing ? null : outcome.fingerprint);
  }
  return view;
}
