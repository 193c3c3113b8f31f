/**
 * Company type labels. Autotask serves them as the `companyType` picklist of
 * `Companies/entityInformation/fields`; the built-in list covers databases that do not.
 */
import type { FilterChoice } from '../../../src/domain/psa-records.js';
import type { FieldInformation } from './schemas.js';

export const CUSTOMER_TYPE = 1;

const BUILT_IN_TYPE_LABELS: ReadonlyMap<number, string> = new Map([
  [1, 'Customer'],
  [2, 'Lead'],
  [3, 'Prospect'],
  [4, 'Dead'],
  [6, 'Cancelation'],
  [7, 'Vendor'],
  [8, 'Partner'],
]);

export type TypeLabels = ReadonlyMap<number, string>;

export function typeLabelsFrom(fields: FieldInformation | null): TypeLabels {
  const picklist = fields?.fields.find((f) => f.name.toLowerCase() === 'companytype')?.picklistValues ?? [];
  const labels = new Map<number, string>();
  for (const entry of [...picklist].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))) {
    const value = Number(entry.value);
    if (entry.isActive !== false && Number.isInteger(value) && entry.label.trim() !== '') {
      labels.set(value, entry.label.trim());
    }
  }
  return labels.size > 0 ? labels : BUILT_IN_TYPE_LABELS;
}

export function typeLabel(labels: TypeLabels, type: number | null | undefined): string | null {
  if (type === null || type === undefined) return null;
  return labels.get(type) ?? BUILT_IN_TYPE_LABELS.get(type) ?? `Type ${type}`;
}

export function typeChoices(labels: TypeLabels): FilterChoice[] {
  return [...labels].map(([value, name]) => ({
    id: String(value),
    name,
    isDefault: value === CUSTOMER_TYPE,
  }));
}
