/** The raw shapes the sandbox stores and serves, named and typed as Autotask's REST API does. */

export interface SandboxCompanyRecord {
  readonly id: number;
  readonly companyName: string;
  readonly companyNumber: string;
  readonly companyType: number;
  readonly isActive: boolean;
  readonly phone: string;
  readonly webAddress: string | null;
  readonly parentCompanyID: number | null;
  readonly createDate: string;
  readonly lastTrackedModifiedDateTime: string | null;
}

export interface SandboxContactRecord {
  readonly id: number;
  readonly companyID: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly title: string | null;
  readonly emailAddress: string | null;
  readonly emailAddress2: string | null;
  readonly emailAddress3: string | null;
  /** Autotask types this flag as an integer, unlike Company.isActive. */
  readonly isActive: 0 | 1;
  readonly primaryContact: boolean;
  readonly billingContact: boolean;
  readonly createDate: string;
  readonly lastModifiedDate: string;
}

/** Autotask's built-in company types (picklist values of Company.companyType; 5 is unused). */
export const SANDBOX_COMPANY_TYPES: readonly { readonly value: number; readonly label: string }[] = [
  { value: 1, label: 'Customer' },
  { value: 2, label: 'Lead' },
  { value: 3, label: 'Prospect' },
  { value: 4, label: 'Dead' },
  { value: 6, label: 'Cancelation' },
  { value: 7, label: 'Vendor' },
  { value: 8, label: 'Partner' },
];
