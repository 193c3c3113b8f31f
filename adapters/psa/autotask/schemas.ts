/**
 * The parts of Autotask's REST answers the provider reads (names and types from the vendor's
 * swagger, `psa-specs/autotask-swagger-v1.json`). Unknown fields are dropped; a missing or mistyped
 * field we rely on makes the whole answer "invalid response".
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

export const queryCountSchema = z.object({ queryCount: z.number().int().nonnegative() });

/** PagingModel. The provider never follows `nextPageUrl`; it only says whether more pages exist. */
const pageDetailsSchema = z.object({
  count: z.number().int().nonnegative().nullish(),
  requestCount: z.number().int().nullish(),
  prevPageUrl: z.string().nullish(),
  nextPageUrl: z.string().nullish(),
});

const id = z.number().int().nonnegative();

export const companySchema = z.object({
  id,
  companyName: z.string(),
  companyType: z.number().int().nullish(),
  /** Boolean on companies (contacts use 1/0). */
  isActive: z.boolean(),
  lastTrackedModifiedDateTime: z.string().nullish(),
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
  /** Autotask types it as an integer (1/0); a boolean is accepted too. */
  isActive: z.union([z.literal(0), z.literal(1), z.boolean()]),
  primaryContact: z.boolean().nullish(),
  billingContact: z.boolean().nullish(),
});
export type AutotaskContact = z.infer<typeof contactSchema>;

export const idOnlySchema = z.object({ id });

export function queryResultSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), pageDetails: pageDetailsSchema.nullish() });
}

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
