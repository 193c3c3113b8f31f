/**
 * The sandbox's stored records, shaped like the JSON ConnectWise returns (API 2026.4) so they can be
 * served as they are; `fields=` projects them.
 */

export interface SandboxRef {
  readonly id: number;
  readonly name: string;
}

export interface SandboxStatus {
  readonly id: number;
  readonly name: string;
  readonly defaultFlag: boolean;
  readonly inactiveFlag: boolean;
  readonly notifyFlag: boolean;
  readonly disallowSavingFlag: boolean;
  readonly _info: Readonly<Record<string, string>>;
}

export interface SandboxType {
  readonly id: number;
  readonly name: string;
  readonly defaultFlag: boolean;
  readonly vendorFlag: boolean;
  readonly _info: Readonly<Record<string, string>>;
}

export interface SandboxCompany {
  readonly id: number;
  readonly identifier: string;
  readonly name: string;
  readonly status: SandboxRef;
  readonly types: readonly SandboxRef[];
  readonly deletedFlag: boolean;
  readonly phoneNumber: string;
  readonly website: string;
  readonly city: string;
  readonly _info: Readonly<Record<string, string>>;
}

export interface SandboxCommunicationItem {
  readonly id: number;
  readonly type: SandboxRef;
  readonly value: string;
  readonly defaultFlag: boolean;
  readonly communicationType: 'Email' | 'Phone' | 'Fax';
}

export interface SandboxContact {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: { readonly id: number; readonly identifier: string; readonly name: string };
  readonly inactiveFlag: boolean;
  readonly title: string;
  readonly communicationItems: readonly SandboxCommunicationItem[];
  readonly types: readonly SandboxRef[];
  readonly _info: Readonly<Record<string, string>>;
}

export interface SandboxDataset {
  readonly statuses: readonly SandboxStatus[];
  readonly types: readonly SandboxType[];
  /** Sorted by id, like every collection the server pages through. */
  readonly companies: readonly SandboxCompany[];
  readonly contacts: readonly SandboxContact[];
  /** The MSP's own company record (identifier = the login company id, type Owner). */
  readonly ownCompanyId: number;
}
