/**
 * The hand-written part of the sandbox Autotask data: the cases an import must get right. The
 * rest of the data set is generated filler (data-set.ts).
 */
import { SANDBOX_MANAGED_COMPANY_NAMES, variantOf } from './name-variants.js';
import { SANDBOX_COMPANY_TYPES, type SandboxContactRecord } from './records.js';

const HOSTILE_NAMES = [
  '<!channel> Alerts LLC',
  '*bold* Industries',
  '[x](http://evil) Corp',
  `O'Brien "Quoted" & Sons`,
  'Café Zürich Ñandú GmbH',
];

export interface CompanySpec {
  readonly name: string;
  readonly type: number;
  readonly active: boolean;
  readonly tag: 'type' | 'inactive' | 'duplicate' | 'variant' | 'hostile' | 'plain';
}

export function hardCaseSpecs(): CompanySpec[] {
  const specs: CompanySpec[] = SANDBOX_COMPANY_TYPES.map((t) => ({
    name: `${t.label} Sample Company`,
    type: t.value,
    active: true,
    tag: 'type' as const,
  }));
  specs.push({ name: 'Dormant Customer Ltd', type: 1, active: false, tag: 'inactive' });
  specs.push({ name: 'Retired Customer Inc.', type: 1, active: false, tag: 'inactive' });
  specs.push({ name: 'Northwind Traders', type: 1, active: true, tag: 'duplicate' });
  specs.push({ name: 'Northwind Traders', type: 1, active: true, tag: 'duplicate' });
  for (const [i, name] of SANDBOX_MANAGED_COMPANY_NAMES.entries()) {
    specs.push({ name: variantOf(name, i), type: 1, active: true, tag: 'variant' });
  }
  for (const name of HOSTILE_NAMES) specs.push({ name, type: 1, active: true, tag: 'hostile' });
  return specs;
}

/** Rewrites a few generated contacts into the contact hard cases, keeping the total unchanged. */
export function plantContactCases(contacts: SandboxContactRecord[]) {
  const customers = contacts.filter((c) => c.companyID !== 0);
  const at = (i: number) => customers[i % Math.max(1, customers.length)];
  const replace = (target: SandboxContactRecord | undefined, patch: Partial<SandboxContactRecord>) => {
    if (target === undefined) return -1;
    const index = contacts.indexOf(target);
    contacts[index] = { ...target, ...patch };
    return target.id;
  };
  const secondEmailOnlyContactId = replace(at(0), {
    emailAddress: null,
    emailAddress2: 'only.second@sandbox-contacts.example',
    emailAddress3: null,
    isActive: 1,
  });
  const thirdEmailOnlyContactId = replace(at(1), {
    emailAddress: '',
    emailAddress2: null,
    emailAddress3: 'only.third@sandbox-contacts.example',
    isActive: 1,
  });
  const noEmailContactId = replace(at(2), { emailAddress: null, emailAddress2: null, emailAddress3: null });
  // The same address at two different companies: a person who works for both.
  const sharedEmail = 'shared.person@sandbox-contacts.example';
  const first = at(3);
  const planted = new Set([at(0), at(1), at(2), first]);
  const other = customers.find(
    (c) => first !== undefined && c.companyID !== first.companyID && !planted.has(c),
  );
  const sharedIds = [
    replace(first, { emailAddress: sharedEmail, isActive: 1 }),
    replace(other, { emailAddress: sharedEmail.toUpperCase(), isActive: 1 }),
  ].filter((id) => id >= 0);
  const inactiveContactIds = contacts.filter((c) => c.isActive === 0).map((c) => c.id);
  return {
    inactiveContactIds,
    secondEmailOnlyContactId,
    thirdEmailOnlyContactId,
    noEmailContactId,
    sharedEmail: { email: sharedEmail, contactIds: sharedIds },
  };
}
