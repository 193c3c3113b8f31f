import type { Actor } from '../domain/chat-identity.js';
import { isAppError } from '../domain/errors.js';
import { PROVIDER_LABELS } from '../domain/provider.js';
import { type Access, requireAdmin } from './access.js';
import type { ImportBot, IntentIo, Maintenance } from './bot-api.js';
import type { AppDeps } from './deps.js';
import { HELP_VIEW } from './help.js';
import type { Intent } from './intents.js';
import { reviewCsv } from './review-csv.js';
import { loadRun } from './run-guard.js';
import { createApiToken, listApiTokens, revokeApiToken } from './use-cases/api-tokens.js';
import { approveRun, rejectRun } from './use-cases/approve.js';
import { cancelRun } from './use-cases/cancel.js';
import { setCompanyDomainView } from './use-cases/company-domains.js';
import { connectIntegration } from './use-cases/connect.js';
import { bulkDecideCompanies, decideCompanies } from './use-cases/decide-companies.js';
import { bulkDecideUsers, decideUsers } from './use-cases/decide-users.js';
import { createDigestRunner, type DigestRunner, digestNow } from './use-cases/digest-runner.js';
import {
  digestHistory,
  digestScheduleSummaries,
  setDigestSchedule,
  turnDigestOff,
} from './use-cases/digest-schedule.js';
import { expireIfStale } from './use-cases/expire.js';
import { backToCompanies, continueToUsers } from './use-cases/fetch-contacts.js';
import { createMaintenance } from './use-cases/maintenance.js';
import { addCompanyView, companiesView, searchCompaniesView } from './use-cases/managed-companies.js';
import { startImport } from './use-cases/start-import.js';
import { submitForApproval } from './use-cases/submit.js';
import {
  addAdmin,
  adminsView,
  historyView,
  licencesView,
  removeAdmin,
  statusView,
} from './use-cases/tenant-admin.js';
import {
  addWebhook,
  disableWebhook,
  listWebhooks,
  pingWebhook,
  removeWebhook,
  rotateWebhookSecret,
} from './use-cases/webhooks.js';
import { approvalView, reviewView, usersView, viewOfRun } from './views/run-view.js';
import type { View } from './views.js';

const NO_PROGRESS = (): void => {};

async function dispatch(deps: AppDeps, access: Access, intent: Intent, io: IntentIo): Promise<View> {
  const onProgress = io.onProgress ?? NO_PROGRESS;
  switch (intent.kind) {
    case 'help':
      return HELP_VIEW;
    case 'connect-form':
      return {
        kind: 'credentials-form',
        provider: intent.provider,
        fields: deps.psa.credentialFields(intent.provider),
      };
    case 'connect':
      await connectIntegration(deps, access.tenant.id, access.actorKey, intent.provider, intent.credentials);
      return { kind: 'connected', provider: intent.provider };
    case 'import': {
      const run = await startImport(deps, access, intent.provider, intent.filterText, {
        onProgress,
        openThread: io.openThread ?? null,
      });
      return reviewView(deps, run, { page: 0, pageSize: intent.pageSize });
    }
    case 'show-run': {
      const run = await expireIfStale(deps, await loadRun(deps.storage.repos, access, intent.runId));
      return viewOfRun(deps, access, run, intent.paging);
    }
    case 'review':
      return reviewView(deps, await loadRun(deps.storage.repos, access, intent.runId), intent.paging);
    case 'decide-companies': {
      const run = await decideCompanies(deps, access, intent.runId, intent.decisions);
      return reviewView(deps, run, intent.paging);
    }
    case 'bulk-companies':
      return reviewView(
        deps,
        await bulkDecideCompanies(deps, access, intent.runId, intent.action),
        intent.paging,
      );
    case 'continue-to-users': {
      const { run, carried } = await continueToUsers(deps, access, intent.runId, onProgress);
      const view = await usersView(deps, run, null, intent.paging);
      return carried === null ? view : { ...view, carriedOver: carried };
    }
    case 'back-to-companies': {
      const { run, kept } = await backToCompanies(deps, access, intent.runId);
      const view = await reviewView(deps, run, intent.paging);
      return kept === null || kept === 0 ? view : { ...view, userDecisionsKept: kept };
    }
    case 'users': {
      // A run that never fetched contacts is refused by the view ("continue to users first").
      const run = await loadRun(deps.storage.repos, access, intent.runId);
      return usersView(deps, run, intent.psaCompanyId, intent.paging);
    }
    case 'decide-users': {
      const { run, psaCompanyId } = await decideUsers(deps, access, intent.runId, intent.decisions);
      return usersView(deps, run, intent.psaCompanyId ?? psaCompanyId, intent.paging);
    }
    case 'bulk-users': {
      const scope = { psaCompanyId: intent.psaCompanyId, contactType: intent.contactType };
      const run = await bulkDecideUsers(deps, access, intent.runId, scope, intent.action);
      return usersView(deps, run, intent.psaCompanyId, intent.paging);
    }
    case 'submit':
      return approvalView(deps, access, await submitForApproval(deps, access, intent.runId));
    case 'approve':
      return viewOfRun(deps, access, await approveRun(deps, access, intent.runId, intent.version), {
        page: 0,
        pageSize: 20,
      });
    case 'reject':
      return approvalView(
        deps,
        access,
        await rejectRun(deps, access, intent.runId, intent.version, intent.reason),
      );
    case 'cancel': {
      const run = await cancelRun(deps, access, intent.runId);
      return {
        kind: 'notice',
        tone: 'info',
        text: `The ${PROVIDER_LABELS[run.provider]} import was cancelled and its lock released.`,
      };
    }
    case 'status':
      return withSchedules(deps, access, await statusView(deps, access));
    case 'history':
      return withDigests(deps, access, await historyView(deps, access));
    case 'admins-list':
      return adminsView(deps, access);
    case 'admins-add':
      return addAdmin(deps, access, intent);
    case 'admins-remove':
      return removeAdmin(deps, access, intent.platform, intent.userId);
    case 'licenses':
      return licencesView(deps, access);
    case 'companies-list':
      return companiesView(deps, access, intent.query, intent.page ?? 0);
    case 'companies-add':
      return addCompanyView(deps, access, intent.name);
    case 'companies-domain':
      return setCompanyDomainView(deps, access, intent.action, intent.company, intent.domain);
    case 'search-companies':
      return searchCompaniesView(deps, access, intent.query, intent.limit);
    case 'export-review': {
      const run = await loadRun(deps.storage.repos, access, intent.runId);
      return {
        kind: 'export',
        runId: run.id,
        filename: `psa-review-${run.provider}-${run.id}.csv`,
        csv: await reviewCsv(deps.storage.repos, run.id),
      };
    }
    case 'tokens-create':
      return createApiToken(deps, access, intent.name);
    case 'tokens-list':
      return listApiTokens(deps, access);
    case 'tokens-revoke':
      return revokeApiToken(deps, access, intent.token);
    case 'webhooks-add':
      return addWebhook(deps, access, intent.url, intent.events);
    case 'webhooks-list':
      return listWebhooks(deps, access);
    case 'webhooks-ping':
      return pingWebhook(deps, access, intent.endpointId);
    case 'webhooks-rotate':
      return rotateWebhookSecret(deps, access, intent.endpointId);
    case 'webhooks-disable':
      return disableWebhook(deps, access, intent.endpointId);
    case 'webhooks-remove':
      return removeWebhook(deps, access, intent.endpointId);
    case 'digest-schedule':
      return setDigestSchedule(deps, access, intent);
    case 'digest-off':
      return turnDigestOff(deps, access, intent.provider);
    case 'digest-now':
      return digestNow(deps, access, intent.provider);
  }
}

/** Issue 14: `/psa status` also lists the change-digest schedules. */
async function withSchedules(deps: AppDeps, access: Access, view: View): Promise<View> {
  if (view.kind !== 'status') return view;
  const schedules = await digestScheduleSummaries(deps, access.tenant.id);
  return schedules.length === 0 ? view : { ...view, schedules };
}

/** Issue 14: `/psa history` also lists the latest change digests. */
async function withDigests(deps: AppDeps, access: Access, view: View): Promise<View> {
  if (view.kind !== 'history') return view;
  const digests = await digestHistory(deps, access.tenant.id);
  return digests.length === 0 ? view : { ...view, digests };
}

export function createImportBot(deps: AppDeps): {
  bot: ImportBot;
  maintenance: Maintenance;
  /** Issue 14: the scheduler's entry into the core. */
  digests: DigestRunner;
} {
  const bot: ImportBot = {
    async handle(actor: Actor, intent: Intent, io: IntentIo = {}): Promise<View> {
      try {
        const access = await requireAdmin(deps.storage.repos, actor);
        return await dispatch(deps, access, intent, io);
      } catch (error) {
        if (isAppError(error)) {
          deps.logger.info({ code: error.code, intent: intent.kind }, 'intent refused');
          return { kind: 'error', code: error.code, details: error.details };
        }
        // Unknown failures are logged with their stack for operators; users see the generic words.
        deps.logger.error({ err: error, intent: intent.kind }, 'intent failed');
        return { kind: 'error', code: 'internal', details: {} };
      }
    },
    async claimOnce(key: string, ttlMs: number): Promise<boolean> {
      const now = deps.clock.now();
      return deps.storage.repos.dedupe.claim(
        key,
        now.toISOString(),
        new Date(now.getTime() + ttlMs).toISOString(),
      );
    },
  };
  return { bot, maintenance: createMaintenance(deps), digests: createDigestRunner(deps) };
}
