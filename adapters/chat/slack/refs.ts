import { z } from 'zod';

/**
 * What a button, select or modal carries back to us: the run, the version of the view it was
 * rendered from (a click on an older version is stale), the page, and the row it belongs to.
 * Kept short: block ids allow 255 characters and option values 150.
 */
export interface Ref {
  /** Run id. */
  readonly r: string;
  /** Run version when rendered. */
  readonly v: number;
  /** Page (zero-based). */
  readonly p: number;
  /** PSA company id of the row or of the company whose users a modal shows. */
  readonly c?: number | undefined;
  /** Bulk action, page direction or other small argument. */
  readonly a?: string | undefined;
}

const refSchema = z.object({
  r: z.string().min(1).max(64),
  v: z.number().int().min(0),
  p: z.number().int().min(0),
  c: z.number().int().optional(),
  a: z.string().max(64).optional(),
});

export function encodeRef(ref: Ref): string {
  return JSON.stringify(ref);
}

export function decodeRef(text: string | undefined): Ref | null {
  if (text === undefined) return null;
  try {
    const parsed = refSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Action ids: a fixed prefix per control, plus `:<row id>` where one message has many of them. */
export const ACTION = {
  reviewPage: 'psa_review_page',
  companyDecision: 'psa_company_decision',
  companySearch: 'psa_company_search',
  companyBulk: 'psa_company_bulk',
  continueToUsers: 'psa_continue',
  backToCompanies: 'psa_back',
  usersPage: 'psa_users_page',
  manageUsers: 'psa_manage_users',
  usersBulk: 'psa_users_bulk',
  submit: 'psa_submit',
  approve: 'psa_approve',
  reject: 'psa_reject',
  exportCsv: 'psa_export',
  cancel: 'psa_cancel',
  contactsCheck: 'psa_contacts_check',
  contactDecision: 'psa_contact_decision',
  contactType: 'psa_contact_type',
  modalPage: 'psa_modal_page',
  modalBulk: 'psa_modal_bulk',
  /** Issue 14: a change digest's Start import; its value is the import, not a run ref. */
  digestImport: 'psa_digest_import',
} as const;

export type ActionName = (typeof ACTION)[keyof typeof ACTION];

const ACTION_NAMES = new Set<string>(Object.values(ACTION));

/** Splits `psa_company_decision:123` into the control and its suffix. */
export function splitActionId(
  actionId: string,
): { readonly name: ActionName; readonly suffix: string } | null {
  const colon = actionId.indexOf(':');
  const name = colon === -1 ? actionId : actionId.slice(0, colon);
  if (!ACTION_NAMES.has(name)) return null;
  return { name: name as ActionName, suffix: colon === -1 ? '' : actionId.slice(colon + 1) };
}

export const CALLBACK = {
  connect: 'psa_connect',
  reject: 'psa_reject_reason',
  users: 'psa_users',
  notice: 'psa_notice',
} as const;

/** What a modal remembers between requests (private_metadata). */
export interface ModalMeta {
  readonly ref?: Ref | undefined;
  /** Channel and ts of the thread message the modal belongs to (overview or approval). */
  readonly channel?: string | undefined;
  readonly ts?: string | undefined;
  readonly threadTs?: string | undefined;
  readonly provider?: string | undefined;
  /** Contact type the bulk buttons apply to; absent means every type. */
  readonly contactType?: string | undefined;
  /** Page of the thread message the modal was opened from, to refresh it on close. */
  readonly page?: number | undefined;
}

const metaSchema = z.object({
  ref: refSchema.optional(),
  channel: z.string().max(32).optional(),
  ts: z.string().max(32).optional(),
  threadTs: z.string().max(32).optional(),
  provider: z.string().max(32).optional(),
  contactType: z.string().max(200).optional(),
  page: z.number().int().min(0).optional(),
});

export function encodeMeta(meta: ModalMeta): string {
  return JSON.stringify(meta);
}

export function decodeMeta(text: string | undefined): ModalMeta {
  if (text === undefined || text === '') return {};
  try {
    const parsed = metaSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
