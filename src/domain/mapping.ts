/**
 * The map that makes imports incremental: which PSA record became which managed record, per
 * integration. One link per (integration, PSA id).
 */
export interface CompanyLink {
  readonly psaCompanyId: number;
  readonly managedCompanyId: string;
  readonly lastImportedAt: string;
}

export interface ContactLink {
  readonly psaContactId: number;
  readonly managedUserId: string;
  readonly lastImportedAt: string;
}
