import { ManageAPI } from 'connectwise-rest';
import { timed } from './memory-sampler.js';

/**
 * The `connectwise-rest` 1.3.0 paginator (a dev dependency of the bench only) reading the same
 * sandbox as our provider: every company that is not deleted and every contact, page by page as
 * that library does it (one request at a time, `page=N`, 1,000 per page). Loopback only: its
 * https base URL is pointed at the sandbox's http origin.
 */
export async function fetchWithConnectWiseRest(
  credentials: Readonly<Record<string, string>>,
  codebase: string,
): Promise<{ readonly ms: number; readonly companies: number; readonly contacts: number }> {
  const site = credentials.site ?? '';
  const cwm = new ManageAPI({
    companyId: credentials.companyId ?? '',
    companyUrl: new URL(site).host,
    publicKey: credentials.publicKey ?? '',
    privateKey: credentials.privateKey ?? '',
    clientId: credentials.clientId ?? '',
    entryPoint: codebase.replace(/\/$/, ''),
    apiVersion: '2026.4',
  });
  // The library builds `https://<companyUrl>/…`; the sandbox speaks http on 127.0.0.1.
  const instance = (cwm as unknown as { instance: { defaults: { baseURL: string } } }).instance;
  instance.defaults.baseURL = instance.defaults.baseURL.replace(/^https:\/\/[^/]+/, site);
  const run = await timed(async () => {
    const companies = await cwm.paginate(
      cwm.CompanyAPI.getCompanyCompanies,
      { startPage: 1, pageSize: 1000 },
      { conditions: 'deletedFlag = false' },
    );
    const contacts = await cwm.paginate(
      cwm.CompanyAPI.getCompanyContacts,
      { startPage: 1, pageSize: 1000 },
      {},
    );
    return { companies: companies.length, contacts: contacts.length };
  });
  return { ms: run.ms, ...run.value };
}
