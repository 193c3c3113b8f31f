import { describePsaContract } from './psa-contract.js';
import { fakeTarget } from './targets/fake-target.js';

describePsaContract(fakeTarget({ reportsTotals: true }));
describePsaContract(fakeTarget({ reportsTotals: false }));
