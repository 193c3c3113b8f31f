import { Secret } from '../../../../../src/domain/secret.js';
import { company, contact, FakePsaGateway } from '../../../../fakes/fake-psa-gateway.js';
import { type ContractTarget, FAILURES } from '../psa-contract.js';

/** The in-memory PSA of the core tests, held to the same contract as the real providers. */
export function fakeTarget(options: { readonly reportsTotals: boolean }): ContractTarget {
  const fake = new FakePsaGateway();
  fake.reportsTotals = options.reportsTotals;
  fake.companies = [
    company(1, 'Contoso Ltd'),
    company(2, 'Fabrikam', { typeNames: ['Vendor'] }),
    company(3, 'Dormant Co', { active: false }),
    company(4, 'Tailspin Toys'),
    company(5, 'Recycled Inc'),
  ];
  fake.deleted = new Set([5]);
  fake.contacts = [
    contact(11, 1, 'ann@contoso.example'),
    contact(12, 1, null),
    contact(21, 2, 'bo@fabrikam.example'),
    contact(31, 3, 'cy@dormant.example', { active: false }),
    contact(41, 4, 'di@tailspin.example'),
  ];
  return {
    name: options.reportsTotals ? 'in-memory fake PSA' : 'in-memory fake PSA without totals',
    secret: fake.acceptedKey,
    knowsTotals: options.reportsTotals,
    start: async () => {},
    stop: async () => {},
    truth: () => ({
      everything: [1, 2, 3, 4],
      active: [1, 2, 4],
      contactsOf: (ids) => fake.contacts.filter((c) => ids.includes(c.companyPsaId)).map((c) => c.psaId),
      absentId: 99,
      inactiveId: 3,
      deletedId: 5,
    }),
    open: () => fake.open('connectwise', new Secret({ apiKey: fake.acceptedKey })),
    failing(failure) {
      if (failure === 'wrong credentials')
        return fake.open('connectwise', new Secret({ apiKey: 'wrong-key' }));
      fake.fault = FAILURES[failure];
      fake.faultDetails =
        failure === 'rate limited past a long Retry-After' ? { retryAfterSeconds: 3_600 } : {};
      return fake.open('connectwise', new Secret({ apiKey: fake.acceptedKey }));
    },
    clearFaults: () => {
      fake.fault = null;
    },
  };
}
