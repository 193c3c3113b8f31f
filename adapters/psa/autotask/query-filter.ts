/**
 * Builds the JSON bodies of Autotask's `POST /{Entity}/query` (QueryModel in the swagger:
 * `maxRecords`, `includeFields`, `filter`). A filter is a condition `{op, field, value}` or a group
 * `{op: 'and'|'or', items}`; the top-level array means "and".
 */
import { AppError } from '../../../src/domain/errors.js';
import type { CompanyFilter } from '../../../src/domain/psa-records.js';

/** Autotask's page size limit. */
export const MAX_RECORDS = 500;
/** Values per `in` condition: Autotask caps the conditions of one query at 500. */
export const MAX_IN_VALUES = 500;

export type ConditionOp =
  | 'eq'
  | 'noteq'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'contains'
  | 'beginsWith'
  | 'exist';

export type AutotaskFilter =
  | { readonly op: ConditionOp; readonly field: string; readonly value?: unknown }
  | { readonly op: 'and' | 'or'; readonly items: readonly AutotaskFilter[] };

export interface AutotaskQuery {
  readonly maxRecords: number;
  readonly includeFields: readonly string[];
  readonly filter: readonly AutotaskFilter[];
}

export const COMPANY_FIELDS = [
  'id',
  'companyName',
  'companyType',
  'isActive',
  'lastTrackedModifiedDateTime',
  'webAddress',
];
export const CONTACT_FIELDS = [
  'id',
  'companyID',
  'firstName',
  'lastName',
  'emailAddress',
  'emailAddress2',
  'emailAddress3',
  'isActive',
  'primaryContact',
  'billingContact',
];

export function condition(op: ConditionOp, field: string, value?: unknown): AutotaskFilter {
  return value === undefined ? { op, field } : { op, field, value };
}

/** Every `in` list at most MAX_IN_VALUES long, or-ed together. */
export function inAny(field: string, values: readonly number[]): AutotaskFilter {
  const groups: AutotaskFilter[] = [];
  for (let i = 0; i < values.length; i += MAX_IN_VALUES) {
    groups.push(condition('in', field, values.slice(i, i + MAX_IN_VALUES)));
  }
  const [only] = groups;
  return groups.length === 1 && only !== undefined ? only : { op: 'or', items: groups };
}

function typeValues(typeIds: readonly string[]): number[] {
  return typeIds.map((typeId) => {
    if (!/^\d+$/.test(typeId.trim())) {
      throw new AppError('invalid_input', { hint: 'Choose company types from the list Autotask offers.' });
    }
    return Number(typeId);
  });
}

/**
 * The admin's filter as Autotask conditions. Statuses do not exist in Autotask and are ignored.
 * The MSP's own company (id 0) is excluded by the paging cursor, which starts at `id gt 0`.
 */
export function companyConditions(filter: CompanyFilter): AutotaskFilter[] {
  const conditions: AutotaskFilter[] = [];
  if (filter.typeIds.length > 0) conditions.push(condition('in', 'companyType', typeValues(filter.typeIds)));
  if (filter.activeOnly) conditions.push(condition('eq', 'isActive', true));
  return conditions;
}

/** The query for the page after `afterId`; ids only grow, so no record is missed or repeated. */
export function pageQuery(
  conditions: readonly AutotaskFilter[],
  includeFields: readonly string[],
  afterId: number,
): AutotaskQuery {
  return { maxRecords: MAX_RECORDS, includeFields, filter: [condition('gt', 'id', afterId), ...conditions] };
}
