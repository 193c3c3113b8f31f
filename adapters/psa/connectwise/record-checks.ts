/**
 * Hand-written checks of the ConnectWise records read by the thousand (companies, contacts): the
 * same rules as their zod schemas in schemas.ts (a test holds the two to the same verdicts), but
 * a record that fits is used as it is. A 50,000-contact fetch through zod spent more CPU copying
 * records than the PSA took to send them.
 */
import type { RecordCheck } from '../shared/record-validation.js';
import type { CwCompany, CwContact } from './schemas.js';

type Test = (value: unknown) => boolean;
type Fields = Readonly<Record<string, Test>>;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isId: Test = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
const isString: Test = (value) => typeof value === 'string';
const nullish =
  (test: Test): Test =>
  (value) =>
    value === null || value === undefined || test(value);
const objectOf = (fields: Fields): Test => {
  const entries = Object.entries(fields);
  return (value) => isObject(value) && entries.every(([name, test]) => test(value[name]));
};
const arrayOf =
  (test: Test): Test =>
  (value) =>
    Array.isArray(value) && value.every(test);

const optionalId = nullish(isId);
const optionalString = nullish(isString);
const optionalBoolean = nullish((value) => typeof value === 'boolean');
/** The spec's `*Reference`: every field nullable. */
const reference = objectOf({ id: optionalId, name: optionalString });

function recordCheck<T>(fields: Fields): RecordCheck<T> {
  const entries = Object.entries(fields);
  return {
    fits(item): item is T {
      if (!isObject(item)) return false;
      for (const [name, test] of entries) if (!test(item[name])) return false;
      return true;
    },
    misfit(item) {
      if (!isObject(item)) return '';
      return entries.find(([name, test]) => !test(item[name]))?.[0] ?? '';
    },
  };
}

export const companyCheck = recordCheck<CwCompany>({
  id: isId,
  identifier: optionalString,
  name: isString,
  status: nullish(reference),
  types: nullish(arrayOf(reference)),
  deletedFlag: optionalBoolean,
  _info: nullish(objectOf({ lastUpdated: optionalString })),
  website: optionalString,
});

const communicationItem = objectOf({
  value: optionalString,
  defaultFlag: optionalBoolean,
  communicationType: optionalString,
});

export const contactCheck = recordCheck<CwContact>({
  id: isId,
  firstName: optionalString,
  lastName: optionalString,
  company: nullish(reference),
  inactiveFlag: optionalBoolean,
  communicationItems: nullish(arrayOf(communicationItem)),
  types: nullish(arrayOf(reference)),
});
