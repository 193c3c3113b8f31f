import { describePsaContract } from './psa-contract.js';
import { connectWiseTarget } from './targets/connectwise-target.js';

describePsaContract(connectWiseTarget());
