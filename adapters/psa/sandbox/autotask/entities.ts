/**
 * The entities the sandbox serves and their `entityInformation/fields` answers, shaped like
 * Autotask's FieldInformationModel (picklist values are strings, as Autotask sends them).
 */
import type { AutotaskDataSet } from './data-set.js';
import { SANDBOX_COMPANY_TYPES, type SandboxCompanyRecord, type SandboxContactRecord } from './records.js';

export interface SandboxEntity {
  /** As it appears in paths and thread-limit keys: 'Companies', 'Contacts'. */
  readonly name: string;
  /** Sorted by id. */
  readonly rows: readonly (SandboxCompanyRecord | SandboxContactRecord)[];
  readonly fields: readonly Readonly<Record<string, unknown>>[];
  /** Integer fields worth indexing for `in` and `eq` conditions. */
  readonly indexed: readonly string[];
}

function field(name: string, dataType: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    dataType,
    length: dataType === 'string' ? 100 : 0,
    isRequired: name === 'id',
    isReadOnly: name === 'id',
    isQueryable: true,
    isReference: false,
    referenceEntityType: '',
    isPickList: false,
    picklistValues: null,
    picklistParentValueField: '',
    isSupportedWebhookField: false,
    ...extra,
  };
}

const COMPANY_TYPE_FIELD = field('companyType', 'integer', {
  isPickList: true,
  picklistValues: SANDBOX_COMPANY_TYPES.map((t, i) => ({
    value: String(t.value),
    label: t.label,
    isDefaultValue: false,
    sortOrder: i + 1,
    parentValue: '',
    isActive: true,
    isSystem: true,
  })),
});

const COMPANY_FIELDS = [
  field('id', 'long'),
  field('companyName', 'string'),
  field('companyNumber', 'string'),
  COMPANY_TYPE_FIELD,
  field('isActive', 'boolean'),
  field('phone', 'string'),
  field('webAddress', 'string'),
  field('parentCompanyID', 'integer', { isReference: true, referenceEntityType: 'Company' }),
  field('createDate', 'datetime'),
  field('lastTrackedModifiedDateTime', 'datetime'),
];

const CONTACT_FIELDS = [
  field('id', 'long'),
  field('companyID', 'integer', { isReference: true, referenceEntityType: 'Company' }),
  field('firstName', 'string'),
  field('lastName', 'string'),
  field('title', 'string'),
  field('emailAddress', 'string'),
  field('emailAddress2', 'string'),
  field('emailAddress3', 'string'),
  field('isActive', 'integer'),
  field('primaryContact', 'boolean'),
  field('billingContact', 'boolean'),
  field('createDate', 'datetime'),
  field('lastModifiedDate', 'datetime'),
];

/** Keyed by the lower-case path segment. */
export function sandboxEntities(data: AutotaskDataSet): ReadonlyMap<string, SandboxEntity> {
  return new Map<string, SandboxEntity>([
    ['companies', { name: 'Companies', rows: data.companies, fields: COMPANY_FIELDS, indexed: ['id'] }],
    [
      'contacts',
      { name: 'Contacts', rows: data.contacts, fields: CONTACT_FIELDS, indexed: ['id', 'companyID'] },
    ],
  ]);
}

export function fieldNames(entity: SandboxEntity): string[] {
  return entity.fields.map((f) => String(f.name));
}
