import type { ManagedCompany, ManagedUser } from '../../../src/domain/directory.js';
import type { CompanyLink, ContactLink } from '../../../src/domain/mapping.js';
import { SequentialIds } from '../../fakes/sequential-ids.js';

/**
 * Directory and map builders for the domain tests (PSA records come from test/fakes): only what a
 * test states differs from these defaults.
 */

export const T0 = '2024-01-01T00:00:00.000Z';

export function managedCompany(id: string, name: string): ManagedCompany {
  return { id, name, createdAt: T0 };
}

export function managedUser(id: string, companyId: string, email: string, displayName = id): ManagedUser {
  return { id, companyId, email, displayName };
}

export function companyLink(
  psaCompanyId: number,
  managedCompanyId: string,
  lastImportedAt = T0,
): CompanyLink {
  return { psaCompanyId, managedCompanyId, lastImportedAt };
}

export function contactLink(psaContactId: number, managedUserId: string): ContactLink {
  return { psaContactId, managedUserId, lastImportedAt: T0 };
}

/** The `newId` computeWrites takes: "id-000001", "id-000002", ... */
export function nextIds(prefix = 'id'): () => string {
  const ids = new SequentialIds(prefix);
  return () => ids.next();
}
