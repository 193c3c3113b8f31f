/**
 * The parts of Autotask's REST answers the provider reads (names and types from the vendor's
 * swagger, `psa-specs/autotask-swagger-v1.json`). Unknown fields are dropped. Envelopes (`items`,
 * counts) are checked whole; `items` are judged one record at a time (a record that does not fit
 * is skipped and reported). As lenient as the swagger: int64 ids and counts without a sign rule,
 * contact `isActive` any integer (nonzero is active).
 */
import { z } from 'zod';

/** ZoneInformationResultModel. `url` is absent or null when Autotask knows no zone for the user. */
export const zoneInformationSchema = z.object({
  zoneName: z.string().nullish(),
  url: z.string().nullish(),
  webUrl: z.string().nullish(),
  ci: z.number().nullish(),
});

/** ThresholdStatusResultModel: the database's hourly request budget and its use so far. */
export const thresholdInformationSchema = z.object({
  externalRequestThreshold: z.number().int().positive(),
  /** Minutes. */
  requestThresholdTimeframe: z.number().int().positive(),
  currentTimeframeRequestCount: z.number().int().nonnegative(),
});
export type ThresholdInformation = z.infer<typeof thresholdInformationSchema>;

/** The swagger sets no lower bound; a negative count is read as "none". */
export const queryCountSchema = z.object({
  queryCount: z
    .number()
    .int()
    .transform((n) => Math.max(0, n)),
});

/** PagingModel. The provider never follows `nextPageUrl`; it only says whether more pages exist. */
const pageDetailsSchema = z.object({
  count: z.number().int().nullish(),
  requestCount: z.number().int().nullish(),
  prevPageUrl: z.string().nullish(),
  nextPageUrl: z.string().nullish(),
});

/** int64 in the swagger; kept to what a JavaScript number holds exactly. */
const id = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const companySchema = z.object({
  id,
  companyName: z.string(),
  companyType: z.number().int().nullish(),
  /** Boolean on companies (contacts use 1/0). */
  isActive: z.boolean(),
  lastTrackedModifiedDateTime: z.string().nullish(),
  webAddress: z.string().nullish(),
});
export type AutotaskCompany = z.infer<typeof companySchema>;

export const contactSchema = z.object({
  id,
  companyID: id,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  emailAddress: z.string().nullish(),
  emailAddress2: z.string().nullish(),
  emailAddress3: z.string().nullish(),
  /** Autotask types it as an integer (1/0 in practice): any nonzero is active; a boolean is accepted too. */
  isActive: z.union([z.number().int(), z.boolean()]),
  primaryContact: z.boolean().nullish(),
  billingContact: z.boolean().nullish(),
});
export type AutotaskContact = z.infer<typeof contactSchema>;

export const idOnlySchema = z.object({ id });

export function queryResultSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), pageDetails: pageDetailsSchema.nullish() });
}

/** A `/query` answer whose items are judged one by one afterwards. */
export const rawQueryResultSchema = queryResultSchema(z.unknown());

/** FieldInformationResultModel, reduced to picklists. */
export const fieldInformationSchema = z.object({
  fields: z.array(
    z.object({
      name: z.string(),
      isPickList: z.boolean().nullish(),
      picklistValues: z
        .array(
          z.object({
            value: z.string(),
            label: z.string(),
            isActive: z.boolean().nullish(),
            sortOrder: z.number().nullish(),
          }),
        )
        .nullish(),
    }),
  ),
});
export type FieldInformation = z.infer<typeof fieldInformationSchema>;
