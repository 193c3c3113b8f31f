/**
 * zod shapes of the ConnectWise records we read (API version 2026.4), each validated on its own
 * (a record that does not fit is skipped and reported, not the whole answer). As lenient as the
 * spec: references (`status`, `types[]`, a contact's `company`) and their ids are nullable, ids
 * cover the whole int32 range; only a record's own id and a company's name are required.
 */
import { z } from 'zod';

const id = z.number().int().min(-2_147_483_648).max(2_147_483_647);
/** The spec's `*Reference`: every field nullable. */
const reference = z.object({ id: id.nullish(), name: z.string().nullish() });

export const countSchema = z.object({ count: z.number().int().nonnegative() });

/** `/login/companyinfo/{companyId}`; only the codebase (e.g. `v2026_1/`) is used. */
export const companyInfoSchema = z.object({ Codebase: z.string().regex(/^\/?[A-Za-z0-9_.-]+\/?$/) });

export const companyStatusSchema = z.object({
  id,
  name: z.string(),
  inactiveFlag: z.boolean().nullish(),
});
export type CwCompanyStatus = z.infer<typeof companyStatusSchema>;

export const companyTypeSchema = z.object({ id, name: z.string() });
export type CwCompanyType = z.infer<typeof companyTypeSchema>;

export const companySchema = z.object({
  id,
  identifier: z.string().nullish(),
  name: z.string(),
  status: reference.nullish(),
  types: z.array(reference).nullish(),
  deletedFlag: z.boolean().nullish(),
  _info: z.object({ lastUpdated: z.string().nullish() }).nullish(),
  website: z.string().nullish(),
});
export type CwCompany = z.infer<typeof companySchema>;

/** The few fields explainMissing needs. */
export const companyPresenceSchema = z.object({ id, deletedFlag: z.boolean().nullish() });

export const communicationItemSchema = z.object({
  value: z.string().nullish(),
  defaultFlag: z.boolean().nullish(),
  communicationType: z.string().nullish(),
});
export type CwCommunicationItem = z.infer<typeof communicationItemSchema>;

export const contactSchema = z.object({
  id,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: reference.nullish(),
  inactiveFlag: z.boolean().nullish(),
  communicationItems: z.array(communicationItemSchema).nullish(),
  types: z.array(reference).nullish(),
});
export type CwContact = z.infer<typeof contactSchema>;

/** `fields` we ask for, so a 1,000-record page does not carry 80 unused fields per company. */
export const COMPANY_FIELDS = 'id,identifier,name,status,types,deletedFlag,_info,website';
export const PRESENCE_FIELDS = 'id,deletedFlag';
export const CONTACT_FIELDS = 'id,firstName,lastName,company,inactiveFlag,communicationItems,types';
