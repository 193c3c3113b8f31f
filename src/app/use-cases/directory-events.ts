import type { DirectoryEvent, DirectoryEventType } from '../../domain/directory-events.js';
import type { ApplyResult, Plan, PlannedCompany, PlannedUser, Write } from '../../domain/plan-model.js';
import type { Provider } from '../../domain/provider.js';
import type { RejectedRun } from '../../domain/run.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { Repositories } from '../../ports/storage.js';

/** What an event needs to know about its run; the run's snapshots are never read. */
export interface EventRun {
  readonly id: string;
  readonly tenantId: string;
  readonly provider: Provider;
}

export interface AppliedImport {
  readonly plan: Plan;
  readonly writes: readonly Write[];
  readonly result: ApplyResult;
}

/** Part of an apply: some planned entries and the writes they came to. */
export interface AppliedChunk {
  readonly companies: readonly PlannedCompany[];
  readonly users: readonly PlannedUser[];
  readonly writes: readonly Write[];
}

function eventOf(
  newId: () => string,
  now: string,
  type: DirectoryEventType,
  data: Record<string, unknown>,
): DirectoryEvent {
  return { id: `evt_${newId()}`, type, timestamp: now, data };
}

/**
 * The events an applied import causes, in the order its writes happened: one per company and
 * user it created or linked, then `import.applied`. Pure: ids and time come in.
 */
export function importEvents(
  run: EventRun,
  applied: AppliedImport,
  now: string,
  newId: () => string,
): DirectoryEvent[] {
  const { companies, users } = applied.plan;
  return [
    ...changeEvents(run, { companies, users, writes: applied.writes }, now, newId),
    appliedEvent(run, applied.result, now, newId),
  ];
}

/**
 * The events of one chunk of an apply, in the order its writes happened. A user or company is
 * created and linked in the same chunk, so the chunk alone tells a creation from a mapping.
 */
export function changeEvents(
  run: EventRun,
  applied: AppliedChunk,
  now: string,
  newId: () => string,
): DirectoryEvent[] {
  const companies = new Map<number, PlannedCompany>(applied.companies.map((c) => [c.psaCompanyId, c]));
  const users = new Map<number, PlannedUser>(applied.users.map((u) => [u.psaContactId, u]));
  const created = new Set<string>();
  const contactOf = new Map<string, number>();
  for (const write of applied.writes) {
    if (write.kind === 'create-company' || write.kind === 'create-user')
      created.add(write.kind === 'create-company' ? write.companyId : write.userId);
    if (write.kind === 'link-contact') contactOf.set(write.userId, write.psaContactId);
  }
  const names = new Map<string, string>();
  for (const write of applied.writes)
    if (write.kind === 'create-company') names.set(write.companyId, write.name);

  const common = { runId: run.id, provider: run.provider };
  const events: DirectoryEvent[] = [];
  const push = (type: DirectoryEventType, data: Record<string, unknown>): void => {
    events.push(eventOf(newId, now, type, { ...data, ...common }));
  };
  for (const write of applied.writes) {
    switch (write.kind) {
      case 'create-company':
        break;
      case 'link-company': {
        const planned = companies.get(write.psaCompanyId);
        const psa = { psaCompanyId: write.psaCompanyId, psaName: planned?.name ?? null };
        if (!created.has(write.companyId)) {
          push('company.mapped', { companyId: write.companyId, ...psa });
          break;
        }
        const name = names.get(write.companyId) ?? planned?.name ?? null;
        push('company.created', { companyId: write.companyId, name, ...psa });
        if (planned?.decision.kind === 'unmap-create') {
          push('company.unmapped', {
            companyId: write.companyId,
            previousCompanyId: planned.targetCompanyId,
            name,
            ...psa,
          });
        }
        break;
      }
      case 'create-user':
        push('user.created', {
          userId: write.userId,
          companyId: write.companyId,
          email: write.email,
          displayName: write.displayName,
          psaContactId: contactOf.get(write.userId) ?? null,
        });
        break;
      case 'link-contact': {
        if (created.has(write.userId)) break;
        const planned = users.get(write.psaContactId);
        push('user.mapped', {
          userId: write.userId,
          psaContactId: write.psaContactId,
          psaCompanyId: planned?.companyPsaId ?? null,
          email: planned?.email ?? null,
          displayName: planned?.displayName ?? null,
        });
        break;
      }
    }
  }
  return events;
}

/** The last event of an apply, with its outcome. */
export function appliedEvent(
  run: EventRun,
  result: ApplyResult,
  now: string,
  newId: () => string,
): DirectoryEvent {
  const { errors, ...counts } = result;
  return eventOf(newId, now, 'import.applied', {
    ...counts,
    errors: errors.map((e) => ({ subject: e.subject, message: e.message })),
    runId: run.id,
    provider: run.provider,
  });
}

export function rejectionEvents(
  run: EventRun & Pick<RejectedRun, 'rejecterName' | 'rejectReason'>,
  now: string,
  newId: () => string,
): DirectoryEvent[] {
  return [
    eventOf(newId, now, 'import.rejected', {
      runId: run.id,
      provider: run.provider,
      rejectedBy: run.rejecterName,
      reason: run.rejectReason,
    }),
  ];
}

/**
 * THE hooks of the apply: call them with the apply transaction's repositories, for each chunk and
 * then once with the outcome, so an applied import always has its events and a rolled-back one
 * has none.
 */
export async function recordChangeEvents(
  repos: Repositories,
  run: EventRun,
  applied: AppliedChunk,
  now: string,
  ids: IdGenerator,
): Promise<void> {
  await append(
    repos,
    run,
    changeEvents(run, applied, now, () => ids.next()),
  );
}

export async function recordAppliedEvent(
  repos: Repositories,
  run: EventRun,
  result: ApplyResult,
  now: string,
  ids: IdGenerator,
): Promise<void> {
  await append(repos, run, [appliedEvent(run, result, now, () => ids.next())]);
}

async function append(repos: Repositories, run: EventRun, events: readonly DirectoryEvent[]): Promise<void> {
  await repos.directoryApi.outbox.append(
    events.map((event) => ({ event, tenantId: run.tenantId, runId: run.id })),
  );
}

/** The hook of a rejection; call it with the repositories that record the rejection. */
export async function recordRejectionEvents(
  repos: Repositories,
  run: EventRun & Pick<RejectedRun, 'rejecterName' | 'rejectReason'>,
  now: string,
  ids: IdGenerator,
): Promise<void> {
  await append(
    repos,
    run,
    rejectionEvents(run, now, () => ids.next()),
  );
}
