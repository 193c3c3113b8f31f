import { companyClassifier, missingRows } from '../../domain/diff.js';
import {
  changeKeys,
  computeDigest,
  type DigestBaseline,
  type DigestChanges,
  EMPTY_BASELINE,
  fingerprint,
} from '../../domain/digest.js';
import { AppError } from '../../domain/errors.js';
import type { CompanyFilter, MissingCause, PsaContact } from '../../domain/psa-records.js';
import type { ReviewRow } from '../../domain/review.js';
import { type ImportRun, contactsOf as runContacts } from '../../domain/run.js';
import type { PsaSession } from '../../ports/psa-gateway.js';
import type { IntegrationRecord, Repositories } from '../../ports/storage.js';
import { openSessionFor } from '../credentials.js';
import type { AppDeps } from '../deps.js';
import { formatFilterText } from '../filter-format.js';
import { parseFilterText } from '../filter-text.js';
import { streamRows } from '../run-rows.js';
import type { DigestSample, DigestSection, DigestView } from '../views.js';

/** Names shown per kind; the rest are counted. */
export const DIGEST_SAMPLES = 5;

export interface DigestOutcome {
  readonly changes: DigestChanges;
  readonly keys: readonly string[];
  readonly fingerprint: string;
  readonly since: string | null;
  readonly filterText: string;
}

async function lastRuns(
  repos: Repositories,
  integration: IntegrationRecord,
): Promise<{ applied: ImportRun | null; latest: ImportRun | null }> {
  const runs = (await repos.runs.listRecent(integration.tenantId, 100)).filter(
    (run) => run.integrationId === integration.id,
  );
  return { applied: runs.find((run) => run.status === 'applied') ?? null, latest: runs[0] ?? null };
}

/** What the last applied import saw, read from its rows a chunk at a time. */
async function baselineOf(repos: Repositories, run: ImportRun | null): Promise<DigestBaseline> {
  if (run === null) return EMPTY_BASELINE;
  const companies = new Set<number>();
  const contactsOf = new Set<number>();
  const withUsers = runContacts(run).kind === 'fetched';
  for await (const chunk of streamRows(
    (after, limit) => repos.runRows.companiesAfter(run.id, after, limit),
    (record) => record.row.company.psaId,
  )) {
    for (const record of chunk) {
      companies.add(record.row.company.psaId);
      if (withUsers && record.decision.kind !== 'skip') contactsOf.add(record.row.company.psaId);
    }
  }
  const missing = new Map<number, MissingCause>(
    (await repos.runRows.missing(run.id)).map((row) => [row.psaCompanyId, row.cause]),
  );
  const contacts = new Map<number, { active: boolean; email: string | null }>();
  for await (const chunk of streamRows(
    (after, limit) => repos.runRows.contactsAfter(run.id, after, limit),
    (record) => record.row.contact.psaId,
  )) {
    for (const { row } of chunk) {
      contacts.set(row.contact.psaId, {
        active: row.contact.active,
        email: row.email === null ? null : row.email.trim().toLowerCase(),
      });
    }
  }
  return { companies, missing, contacts, contactsOf };
}

/** Ends the fetch once the digest has used its share of the PSA's request budget. */
function budgetCheck(deps: AppDeps, session: PsaSession): () => void {
  const max = deps.settings.digestMaxRequests?.[session.provider];
  return () => {
    if (max !== undefined && session.requestCount() > max) {
      throw new AppError('psa_budget_exhausted', { hint: `a digest may make at most ${max} requests` });
    }
  };
}

/**
 * The digest's read-only fetch, the path of `psa-import diff` (`previewDiff`): the integration's
 * last filter, classified page by page against the map, then the contacts of the mapped companies
 * that came back. Takes no lock and writes nothing.
 */
export async function computeIntegrationDigest(
  deps: AppDeps,
  integration: IntegrationRecord,
): Promise<DigestOutcome> {
  const { repos } = deps.storage;
  const session = await openSessionFor(deps, integration);
  const check = budgetCheck(deps, session);
  const { applied, latest } = await lastRuns(repos, integration);
  const filter: CompanyFilter =
    applied?.filter ?? latest?.filter ?? parseFilterText('', await session.filterOptions());
  const [links, companies, contactLinks, users] = await Promise.all([
    repos.companyMap.list(integration.id),
    repos.companies.listAll(integration.tenantId),
    repos.contactMap.list(integration.id),
    repos.users.listAll(integration.tenantId),
  ]);
  const baseline = await baselineOf(repos, applied);
  const classify = companyClassifier(links, companies);
  const rows: ReviewRow[] = [];
  const seen = new Set<number>();
  await session.fetchCompanies(
    filter,
    () => {},
    async (page) => {
      check();
      for (const company of page) {
        if (seen.has(company.psaId)) continue;
        seen.add(company.psaId);
        rows.push(classify(company));
      }
    },
  );
  const missingIds = links.map((link) => link.psaCompanyId).filter((id) => !seen.has(id));
  const causes = missingIds.length === 0 ? new Map() : await session.explainMissing(missingIds, filter);
  check();
  const missing = missingRows(links, (id) => seen.has(id), companies, causes);
  const mappedIds = rows.filter((row) => row.mappedTo !== null).map((row) => row.company.psaId);
  const contacts: PsaContact[] = [];
  if (mappedIds.length > 0) {
    await session.fetchContacts(
      mappedIds,
      () => {},
      async (page) => {
        check();
        contacts.push(...page);
      },
    );
  }
  const changes = computeDigest({ rows, missing, contacts, contactLinks, users, baseline });
  const keys = changeKeys(changes);
  return {
    changes,
    keys,
    fingerprint: fingerprint(keys),
    since: applied?.updatedAt ?? null,
    filterText: formatFilterText(filter),
  };
}

function section(
  kind: DigestSection['kind'],
  items: readonly { readonly name: string }[],
  detail: (index: number) => string | null,
): DigestSection[] {
  if (items.length === 0) return [];
  const samples: DigestSample[] = items
    .slice(0, DIGEST_SAMPLES)
    .map((item, index) => ({ name: item.name, detail: detail(index) }));
  return [{ kind, count: items.length, samples }];
}

export function digestView(
  integration: IntegrationRecord,
  outcome: DigestOutcome,
  nextDueAt: string | null,
): DigestView {
  const { changes } = outcome;
  const sections = [
    ...section('new-companies', changes.newCompanies, (i) => {
      const similar = changes.newCompanies[i]?.similarTo ?? null;
      return similar === null ? null : `may duplicate ${similar}`;
    }),
    ...section(
      'missing-companies',
      changes.missingCompanies,
      (i) => changes.missingCompanies[i]?.reason ?? null,
    ),
    ...section('new-contacts', changes.newContacts, (i) => `at ${changes.newContacts[i]?.companyName ?? ''}`),
    ...section(
      'inactive-contacts',
      changes.inactiveContacts,
      (i) => `at ${changes.inactiveContacts[i]?.companyName ?? ''}`,
    ),
    ...section(
      'gone-contacts',
      changes.goneContacts,
      (i) => `at ${changes.goneContacts[i]?.companyName ?? ''}`,
    ),
    ...section('changed-emails', changes.changedEmails, (i) => {
      const change = changes.changedEmails[i];
      return change === undefined ? null : `${change.from} → ${change.to ?? 'no email'}`;
    }),
  ];
  return {
    kind: 'digest',
    provider: integration.provider,
    since: outcome.since,
    total: outcome.keys.length,
    sections,
    duplicates: changes.newCompanies.filter((company) => company.similarTo !== null).length,
    filterText: outcome.filterText,
    importCommand: `/psa import ${integration.provider} ${outcome.filterText}`,
    error: null,
    nextDueAt,
  };
}
