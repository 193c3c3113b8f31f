/**
 * The hand-written part of the sandbox data: the cases an import must get right. Everything else
 * in the data set is generated filler (seed-data.ts).
 */

/**
 * Managed companies the terminal's seeded tenant already has. The sandbox PSA holds variants of
 * them ("Acme, Inc." for "ACME Inc"), two PSA companies for "Wayne Enterprises", and nothing for
 * "Stark Industries" (a managed company not in the PSA).
 */
export const SANDBOX_EXISTING_MANAGED_COMPANIES: readonly string[] = [
  'ACME Inc',
  'Smith and Sons',
  'Globex Corporation',
  'Initech',
  'Wayne Enterprises',
  'Stark Industries',
];

/** Used on two contacts of two different companies. */
export const SANDBOX_SHARED_EMAIL = 'frontdesk@shared-office.example';

export interface HardContact {
  readonly firstName: string;
  readonly lastName: string;
  /** In the order listed by the PSA; `true` marks the default address. */
  readonly emails: readonly (readonly [string, boolean])[];
  readonly inactive?: boolean;
  readonly types?: readonly string[];
}

export interface HardCompany {
  readonly name: string;
  readonly types: readonly string[];
  readonly status: string;
  readonly deleted?: boolean;
  /** Marks the MSP's own company: its identifier becomes the login company id. */
  readonly own?: boolean;
  readonly contacts: readonly HardContact[];
}

const person = (
  firstName: string,
  lastName: string,
  domain: string,
  extra: Partial<HardContact> = {},
): HardContact => ({
  firstName,
  lastName,
  emails: [[`${firstName}.${lastName}@${domain}`.toLowerCase(), true]],
  ...extra,
});

export const HARD_COMPANIES: readonly HardCompany[] = [
  {
    name: 'Sandbox MSP',
    types: ['Owner'],
    status: 'Active',
    own: true,
    contacts: [
      person('Alice', 'Admin', 'sandbox-msp.example'),
      person('Bob', 'Builder', 'sandbox-msp.example'),
    ],
  },
  {
    name: 'Acme, Inc.',
    types: ['Client'],
    status: 'Active',
    contacts: [
      {
        firstName: 'Wile',
        lastName: 'Coyote',
        // Default address listed second: the provider must still put it first.
        emails: [
          ['wile.personal@desert-mail.example', false],
          ['wile.coyote@acme.example', true],
          ['w.coyote@acme.example', false],
        ],
        types: ['Primary'],
      },
      { firstName: 'Road', lastName: 'Runner', emails: [], types: ['Technical'] },
      { firstName: 'Front', lastName: 'Desk', emails: [[SANDBOX_SHARED_EMAIL, true]] },
    ],
  },
  {
    name: 'Smith & Sons Ltd',
    types: ['Client'],
    status: 'Active',
    contacts: [
      person('Jane', 'Smith', 'smithandsons.example', { inactive: true }),
      person('John', 'Smith', 'smithandsons.example', { types: ['Billing'] }),
    ],
  },
  {
    name: 'Globex Corp.',
    types: ['Client'],
    status: 'Credit Hold',
    contacts: [
      person('Hank', 'Scorpio', 'globex.example', { types: ['Primary', 'Billing'] }),
      { firstName: 'Reception', lastName: 'Team', emails: [[SANDBOX_SHARED_EMAIL, true]] },
    ],
  },
  {
    name: 'Initech, LLC',
    types: ['Client'],
    status: 'Active',
    contacts: [
      person('Peter', 'Gibbons', 'initech.example'),
      person('Bill', 'Lumbergh', 'initech.example', { inactive: true }),
    ],
  },
  {
    name: 'Wayne Enterprises',
    types: ['Client'],
    status: 'Active',
    contacts: [person('Bruce', 'Wayne', 'wayne.example')],
  },
  {
    name: 'Wayne Enterprises',
    types: ['Client'],
    status: 'Active',
    contacts: [person('Lucius', 'Fox', 'wayne-ent.example')],
  },
  {
    name: 'Contoso Ltd',
    types: ['Client'],
    status: 'Active',
    contacts: [person('Megan', 'Bowen', 'contoso.example')],
  },
  // The recycle-bin twin: same name, deleted.
  {
    name: 'Contoso Ltd',
    types: ['Client'],
    status: 'Active',
    deleted: true,
    contacts: [person('Old', 'Contact', 'contoso-old.example')],
  },
  {
    name: 'Ben & Jerry\'s "Scoops"',
    types: ['Client'],
    status: 'Active',
    contacts: [person('Ben', 'Cohen', 'scoops.example')],
  },
  {
    name: 'A+ Computers',
    types: ['Client'],
    status: 'Active',
    contacts: [person('Ada', 'Plus', 'aplus.example')],
  },
  { name: '<Tags> & Brackets Co', types: ['Client'], status: 'Active', contacts: [] },
  {
    name: '<!channel>',
    types: ['Client'],
    status: 'Active',
    contacts: [person('Mention', 'Everyone', 'channel.example')],
  },
  {
    name: 'Café Déjà Vu SARL',
    types: ['Client'],
    status: 'Active',
    contacts: [person('Amélie', 'Poulain', 'cafe.example')],
  },
  {
    name: 'Zürich Ärzte GmbH',
    types: ['Client'],
    status: 'Active',
    contacts: [person('Jörg', 'Müller', 'zuerich.example')],
  },
  {
    name: "O'Neil & Partners",
    types: ['Client', 'Partner'],
    status: 'Active',
    contacts: [person('Shaun', "O'Neil", 'oneil.example')],
  },
  {
    name: 'Dormant Holdings',
    types: ['Client'],
    status: 'Inactive',
    contacts: [person('Rip', 'Winkle', 'dormant.example')],
  },
  { name: 'Not Approved Co', types: ['Client'], status: 'Not-Approved', contacts: [] },
  {
    name: 'Big Vendor Supplies',
    types: ['Vendor'],
    status: 'Active',
    contacts: [person('Sal', 'Supplier', 'vendor.example')],
  },
  { name: 'Prospective Partners Inc', types: ['Prospect'], status: 'Active', contacts: [] },
  { name: 'Rival Competitor', types: ['Competitor'], status: 'Active', contacts: [] },
  { name: 'Old Deleted Co', types: ['Client'], status: 'Active', deleted: true, contacts: [] },
];
