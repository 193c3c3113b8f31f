import type { Logger } from '../../src/ports/logger.js';
import { startSandboxAutotask } from '../psa/sandbox/autotask/server.js';
import { startSandboxConnectWise } from '../psa/sandbox/connectwise/sandbox-connectwise.js';
import { type SandboxHalo, startSandboxHalo } from '../psa/sandbox/halopsa/server.js';

/**
 * The loopback PSAs the terminal demo runs against. ConnectWise prefers a fixed port because the
 * admin types its address as the site and the database remembers it across restarts; Autotask is
 * found by zone discovery, which the gateway is pointed at, so any port will do. HaloPSA, like
 * ConnectWise, is typed in as an address, so it prefers a fixed port too.
 */
export const SANDBOX_CONNECTWISE_PORT = 4010;
export const SANDBOX_HALOPSA_PORT = 4012;

export interface SandboxPsas {
  readonly connectwise: { readonly site: string; readonly credentials: Readonly<Record<string, string>> };
  readonly autotask: { readonly zoneBaseUrl: string; readonly credentials: Readonly<Record<string, string>> };
  readonly halopsa: { readonly baseUrl: string; readonly credentials: Readonly<Record<string, string>> };
  /** True when the usual ConnectWise or HaloPSA port was taken and another one is used. */
  readonly movedPort: boolean;
  close(): Promise<void>;
}

/** Test seams: a free port, and a distinctive private key to hunt for in logs and files. */
export interface SandboxTuning {
  /** 0 for any free port; default SANDBOX_CONNECTWISE_PORT. */
  readonly connectwisePort?: number;
  readonly connectwisePrivateKey?: string;
  /** 0 for any free port; default SANDBOX_HALOPSA_PORT. */
  readonly halopsaPort?: number;
}

export interface SandboxOptions extends SandboxTuning {
  readonly logger: Logger;
}

type SandboxCw = Awaited<ReturnType<typeof startSandboxConnectWise>>;

async function startConnectWise(
  port: number,
  privateKey: string | undefined,
): Promise<{ psa: SandboxCw; moved: boolean }> {
  const credentials = privateKey === undefined ? {} : { credentials: { privateKey } };
  try {
    return { psa: await startSandboxConnectWise({ port, ...credentials }), moved: false };
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return { psa: await startSandboxConnectWise({ port: 0, ...credentials }), moved: true };
  }
}

async function startHalo(port: number): Promise<{ psa: SandboxHalo; moved: boolean }> {
  try {
    return { psa: await startSandboxHalo({ port }), moved: false };
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return { psa: await startSandboxHalo({ port: 0 }), moved: true };
  }
}

export async function startSandboxPsas(options: SandboxOptions): Promise<SandboxPsas> {
  const { psa: connectwise, moved } = await startConnectWise(
    options.connectwisePort ?? SANDBOX_CONNECTWISE_PORT,
    options.connectwisePrivateKey,
  );
  let autotask: Awaited<ReturnType<typeof startSandboxAutotask>>;
  let halo: { psa: SandboxHalo; moved: boolean };
  try {
    autotask = await startSandboxAutotask();
  } catch (error) {
    await connectwise.close();
    throw error;
  }
  try {
    halo = await startHalo(options.halopsaPort ?? SANDBOX_HALOPSA_PORT);
  } catch (error) {
    await Promise.all([connectwise.close(), autotask.close()]);
    throw error;
  }
  options.logger.info(
    { connectwise: connectwise.site, autotask: autotask.zoneBaseUrl, halopsa: halo.psa.baseUrl },
    'sandbox PSAs listening',
  );
  return {
    connectwise: {
      site: connectwise.site,
      credentials: { ...connectwise.credentials, site: connectwise.site },
    },
    autotask: {
      zoneBaseUrl: autotask.zoneBaseUrl,
      credentials: {
        username: autotask.credentials.username,
        secret: autotask.credentials.secret,
        integrationCode: autotask.credentials.integrationCode,
      },
    },
    halopsa: {
      baseUrl: halo.psa.baseUrl,
      // No tenant: the sandbox names it through /api/authinfo, as hosted Halo does.
      credentials: {
        baseUrl: halo.psa.baseUrl,
        clientId: halo.psa.credentials.clientId,
        clientSecret: halo.psa.credentials.clientSecret,
      },
    },
    movedPort: moved || halo.moved,
    async close() {
      await Promise.all([connectwise.close(), autotask.close(), halo.psa.close()]);
    },
  };
}
