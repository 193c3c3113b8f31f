import type { ApprovalPolicy } from '../domain/chat-identity.js';
import type { Provider } from '../domain/provider.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { PsaGateway } from '../ports/psa-gateway.js';
import type { SecretBox } from '../ports/secret-box.js';
import type { Storage } from '../ports/storage.js';

export interface AppSettings {
  /** How long an integration lock lasts without activity before another admin may take it. */
  readonly lockTtlMs: number;
  /** How long a submitted import waits for approval before it expires. */
  readonly approvalTtlMs: number;
  /** For tenants created by bootstrap. */
  readonly defaultApprovalPolicy: ApprovalPolicy;
  /**
   * Issue 14: the most PSA requests one change digest may make, per provider (a share of
   * Autotask's hourly budget and Halo's rate limit); absent: no cap.
   */
  readonly digestMaxRequests?: Readonly<Partial<Record<Provider, number>>>;
  /** The zone a schedule gets when the admin names none; default UTC. */
  readonly digestDefaultTimeZone?: string;
  /**
   * Issue 11: the MSP's own domains (MSP_OWN_DOMAINS). Its staff's addresses and website say
   * nothing about which client a company is, so they never make a same-domain flag.
   */
  readonly ownDomains?: readonly string[];
  /** Issue 8: run rows the apply reads and writes at a time (default 1,000); tests set it small. */
  readonly applyChunkSize?: number;
}

export interface AppDeps {
  readonly storage: Storage;
  readonly psa: PsaGateway;
  readonly secrets: SecretBox;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly settings: AppSettings;
}
