import { z } from 'zod';

/**
 * The `Action.Execute` protocol between our cards and our invoke handler. Every click comes back
 * as an `adaptiveCard/action` invoke with `{ verb, data }`, where Teams has merged the card's
 * input values into `data` (input id → value). Nothing in it is trusted: the core checks every
 * intent, and this schema only keeps the shapes sane.
 */
export const VERBS = {
  review: 'review',
  bulkCompanies: 'bulk-companies',
  continueToUsers: 'continue-to-users',
  backToCompanies: 'back-to-companies',
  users: 'users',
  bulkUsers: 'bulk-users',
  submit: 'submit',
  approve: 'approve',
  reject: 'reject',
  cancel: 'cancel',
  /** A row's "Find": its list gains the managed companies matching the row's search text. */
  findCompany: 'find-company',
  /** The approval card's `refresh` action (automatic for listed users, manual for others). */
  refresh: 'refresh',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

const VERB_VALUES = Object.values(VERBS) as [Verb, ...Verb[]];

/** Input ids on our cards; the row id is a PSA company or contact id. */
export const INPUT = {
  company: (psaCompanyId: number) => `company-${psaCompanyId}`,
  /** The search text of a row's "Find a managed company". */
  findCompany: (psaCompanyId: number) => `find-${psaCompanyId}`,
  user: (psaContactId: number) => `user-${psaContactId}`,
  contactType: 'contactType',
  rejectReason: 'rejectReason',
} as const;

export const runIdSchema = z.string().regex(/^[\w-]{1,100}$/);
const rowId = z.string().regex(/^\d{1,15}$/);

const dataSchema = z
  .object({
    runId: runIdSchema,
    page: z.number().int().min(0).max(1_000_000).optional(),
    company: z.number().int().min(0).nullable().optional(),
    action: z.string().max(40).optional(),
    /** Run version the card was drawn from (approval cards). */
    version: z.number().int().min(0).optional(),
    /** The decisions the rows showed when the card was drawn, by row id: only changes are sent. */
    rows: z.record(rowId, z.string().max(120)).optional(),
  })
  .catchall(z.unknown());

export type CardActionData = z.infer<typeof dataSchema>;

export interface CardAction {
  readonly verb: Verb;
  readonly data: CardActionData;
  readonly trigger: 'manual' | 'automatic';
}

const invokeValueSchema = z.object({
  action: z.object({ verb: z.enum(VERB_VALUES), data: dataSchema }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

export function parseCardAction(value: unknown): CardAction | null {
  const parsed = invokeValueSchema.safeParse(value);
  if (!parsed.success) return null;
  return {
    verb: parsed.data.action.verb,
    data: parsed.data.action.data,
    trigger: parsed.data.trigger ?? 'manual',
  };
}

/** An input value Teams merged into `data`; inputs always arrive as strings. */
export function inputValue(data: CardActionData, id: string): string | null {
  const value = data[id];
  return typeof value === 'string' ? value : null;
}
