import { describePsaContract } from './psa-contract.js';
import { haloTarget } from './targets/halopsa-target.js';

describePsaContract(haloTarget());
