/** The MSP's managed-company directory: where imports land. */
export interface ManagedCompany {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface ManagedUser {
  readonly id: string;
  readonly companyId: string;
  /** Unique per tenant, compared case-insensitively. */
  readonly email: string;
  readonly displayName: string;
}

/** The tenant's licence pool: each managed user created by an import uses one licence. */
export interface LicencePool {
  readonly total: number;
  readonly used: number;
}

export function freeLicences(pool: LicencePool): number {
  return Math.max(0, pool.total - pool.used);
}
