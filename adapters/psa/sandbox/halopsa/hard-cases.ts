/**
 * The hand-written part of the sandbox HaloPSA data: the cases a Halo import must get right. The
 * rest is seeded filler (data-set.ts).
 *
 * Clients: name variants of the managed companies the terminal's sandbox tenant already has, two
 * clients with the same name under different top levels, inactive clients, a hostile name.
 * Users: a service account, an agent's user record, the per-site "General User", users without
 * an email, and one address shared by users of two clients.
 */
import { SANDBOX_MANAGED_COMPANY_NAMES, variantOf } from '../autotask/name-variants.js';
import type { HaloUserRecord } from './records.js';

export type Spec = { name: string; inactive: boolean; topLevel: number; tag: string };

const SHARED_EMAIL = 'reception@shared-halo-office.example';

export function hardSpecs(): Spec[] {
  const specs: Spec[] = SANDBOX_MANAGED_COMPANY_NAMES.map((name, i) => ({
    name: variantOf(name, i + 1),
    inactive: false,
    topLevel: 1,
    tag: 'variant',
  }));
  specs.push({ name: 'Contoso Pharmacy', inactive: false, topLevel: 1, tag: 'duplicate' });
  specs.push({ name: 'Contoso Pharmacy', inactive: false, topLevel: 2, tag: 'duplicate' });
  specs.push({ name: 'Closed Down Florists Ltd', inactive: true, topLevel: 1, tag: 'inactive' });
  specs.push({ name: 'Former Client Partners', inactive: true, topLevel: 2, tag: 'inactive' });
  specs.push({ name: '<!here> Urgent Ltd', inactive: false, topLevel: 1, tag: 'hostile' });
  return specs;
}

/** Turns a few generated users into the user hard cases, keeping the total unchanged. */
export function plantUserCases(users: HaloUserRecord[]) {
  const byClient = new Map<number, number[]>();
  for (const [index, user] of users.entries()) {
    const indexes = byClient.get(user.client_id) ?? [];
    indexes.push(index);
    byClient.set(user.client_id, indexes);
  }
  const slots = [...byClient.values()].filter((indexes) => indexes.length >= 2);
  const patch = (slot: number[] | undefined, which: number, change: Partial<HaloUserRecord>): number => {
    const index = slot?.[which];
    const user = index === undefined ? undefined : users[index];
    if (index === undefined || user === undefined) return -1;
    users[index] = { ...user, ...change };
    return user.id;
  };
  const serviceAccountUserId = patch(slots[0], 1, {
    name: 'Backup Service',
    firstname: 'Backup',
    surname: 'Service',
    emailaddress: 'backup-svc@halo-sandbox.example',
    isserviceaccount: true,
    inactive: false,
  });
  const agentUserId = patch(slots[1], 1, { linked_agent_id: 7, inactive: false });
  const generalUserId = patch(slots[2], 1, {
    name: 'General User',
    firstname: '',
    surname: '',
    emailaddress: null,
    general: true,
    inactive: false,
  });
  const noEmailUserIds = [
    patch(slots[3], 0, { emailaddress: null, inactive: false }),
    patch(slots[4], 0, { emailaddress: '', inactive: false }),
  ];
  const sharedEmailUserIds = [
    patch(slots[5], 0, { emailaddress: SHARED_EMAIL, inactive: false }),
    patch(slots[6], 0, { emailaddress: SHARED_EMAIL.toUpperCase(), inactive: false }),
  ];
  return {
    serviceAccountUserId,
    agentUserId,
    generalUserId,
    noEmailUserIds: noEmailUserIds.filter((id) => id >= 0),
    sharedEmail: { email: SHARED_EMAIL, userIds: sharedEmailUserIds.filter((id) => id >= 0) },
  };
}
