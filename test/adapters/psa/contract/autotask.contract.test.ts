import { describePsaContract } from './psa-contract.js';
import { autotaskTarget } from './targets/autotask-target.js';

describePsaContract(autotaskTarget());
