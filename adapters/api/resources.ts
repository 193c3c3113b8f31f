import type {
  ChangeRecord,
  CompanyRow,
  ImportRow,
  PsaLinkRow,
  UserRow,
} from '../../src/ports/directory-api.js';

/*
 * The API's JSON shapes (described in openapi.ts). Built field by field so nothing stored is
 * exposed by accident.
 */

function link(l: PsaLinkRow) {
  return { provider: l.provider, psaId: l.psaId, lastImportedAt: l.lastImportedAt };
}

export function companyJson(c: CompanyRow) {
  return { id: c.id, name: c.name, createdAt: c.createdAt, psaLinks: c.psaLinks.map(link) };
}

export function userJson(u: UserRow) {
  return {
    id: u.id,
    companyId: u.companyId,
    email: u.email,
    displayName: u.displayName,
    psaLinks: u.psaLinks.map(link),
  };
}

const COUNTS = [
  'companiesCreated',
  'companiesMapped',
  'companiesUnmapped',
  'companiesKept',
  'usersImported',
  'usersMapped',
  'usersKept',
] as const;

function resultJson(result: Readonly<Record<string, unknown>> | null) {
  if (result === null) return null;
  const counts: Record<string, number> = {};
  for (const key of COUNTS) counts[key] = typeof result[key] === 'number' ? result[key] : 0;
  const rawErrors = Array.isArray(result.errors) ? (result.errors as unknown[]) : [];
  const errors = rawErrors.map((e) => {
    const issue = (e ?? {}) as { subject?: unknown; message?: unknown };
    return { subject: String(issue.subject ?? ''), message: String(issue.message ?? '') };
  });
  return { ...counts, errors };
}

export function importJson(r: ImportRow) {
  return {
    id: r.id,
    provider: r.provider,
    status: r.status,
    requesterName: r.requesterName,
    approverName: r.approverName,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    result: resultJson(r.result),
  };
}

export function changeJson(c: ChangeRecord) {
  return {
    seq: String(c.seq),
    id: c.event.id,
    type: c.event.type,
    timestamp: c.event.timestamp,
    data: c.event.data,
  };
}
