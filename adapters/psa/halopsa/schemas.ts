/**
 * The parts of Halo's answers the provider reads. Request parameters come from the vendor's
 * OpenAPI export (`psa-specs/halopsa-openapi-subset.json`); the response shapes (which the export
 * leaves out) from the research notes: `{page_no, page_size, record_count, clients: [...]}` and
 * `{record_count, users: [...]}` (schemas `Area_View` / `Users_View`).
 *
 * Pages are read leniently (`rowsSchema` keeps each row as unknown) and every row is then checked
 * on its own, so one odd record is skipped and counted instead of failing the whole import.
 */
import { z } from 'zod';

/** `GET /api/authinfo`: where the tenant's authorisation server lives. Unknown fields ignored. */
export const authInfoSchema = z.object({
  auth_url: z.string().nullish(),
  tenant_id: z.union([z.string(), z.number()]).nullish(),
});
export type AuthInfo = z.infer<typeof authInfoSchema>;

/** OAuth2 token response. `expires_in` has been seen as a number; a numeric string is accepted. */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.coerce.number().positive().nullish(),
});
export type TokenResponse = z.infer<typeof tokenSchema>;

const id = z.number().int().positive();
/** Halo types some ids as doubles (`site_id`, `client_id` on sites). */
const intLike = z.number().transform((n) => Math.trunc(n));

const pageFields = {
  page_no: z.number().int().nullish(),
  page_size: z.number().int().nullish(),
  record_count: z.number().int().nonnegative(),
};

/** A page of a list endpoint, as `{ recordCount, rows }` with each row still unchecked. */
export interface ListPage {
  readonly recordCount: number;
  readonly rows: readonly unknown[];
}

export const clientsPageSchema: z.ZodType<ListPage> = z
  .object({ ...pageFields, clients: z.array(z.unknown()) })
  .transform((page) => ({ recordCount: page.record_count, rows: page.clients }));

export const usersPageSchema: z.ZodType<ListPage> = z
  .object({ ...pageFields, users: z.array(z.unknown()) })
  .transform((page) => ({ recordCount: page.record_count, rows: page.users }));

/** `Area_List`: everything nullable but `id` in the export. */
export const clientSchema = z.object({
  id,
  name: z.string(),
  inactive: z.boolean().nullish(),
  toplevel_id: intLike.nullish(),
  toplevel_name: z.string().nullish(),
  customertype: intLike.nullish(),
  website: z.string().nullish(),
});
export type HaloClient = z.infer<typeof clientSchema>;

/** `Users_List`. */
export const userSchema = z.object({
  id,
  name: z.string().nullish(),
  firstname: z.string().nullish(),
  surname: z.string().nullish(),
  emailaddress: z.string().nullish(),
  inactive: z.boolean().nullish(),
  isserviceaccount: z.boolean().nullish(),
  client_id: intLike,
  site_id: intLike.nullish(),
  linked_agent_id: intLike.nullish(),
  isimportantcontact: z.boolean().nullish(),
});
export type HaloUser = z.infer<typeof userSchema>;
