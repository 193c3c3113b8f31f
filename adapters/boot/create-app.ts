import type { ImportBot, Maintenance } from '../../src/app/bot-api.js';
import { createImportBot } from '../../src/app/create-import-bot.js';
import type { DigestDeliver, DigestRunner } from '../../src/app/use-cases/digest-runner.js';
import type { Clock } from '../../src/ports/clock.js';
import type { IdGenerator } from '../../src/ports/ids.js';
import type { SecretBox } from '../../src/ports/secret-box.js';
import { type KeyStore, resolveEncryptionKey } from '../crypto/encryption-key.js';
import { createSecretBox } from '../crypto/secret-box.js';
import type { AppLogger } from '../log/create-logger.js';
import { createPsaGateway } from '../psa/gateway.js';
import { type OpenedStorage, type OpenStorageOptions, openStorage } from '../storage/open-storage.js';
import { hasSealedCredentials } from '../storage/sealed-credentials.js';
import { bootstrapAdmins } from './bootstrap-admins.js';
import type { AppConfig } from './config/load.js';
import { digestMaxRequests, replicaId, startDigestScheduler } from './digest-scheduler.js';
import { randomIds, systemClock } from './runtime.js';
import { startSweep } from './sweep.js';

export interface AppOptions {
  readonly logger: AppLogger;
  /** Where the gateway finds the sandbox Autotask's zone discovery; null for the real PSAs. */
  readonly sandboxAutotaskZone?: string | null;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** How often abandoned runs and approvals are expired; default one minute. */
  readonly sweepIntervalMs?: number;
}

export interface App {
  readonly config: AppConfig;
  readonly bot: ImportBot;
  readonly maintenance: Maintenance;
  readonly opened: OpenedStorage;
  readonly logger: AppLogger;
  readonly clock: Clock;
  /** For the read API and the webhook dispatcher (issue 13). */
  readonly ids: IdGenerator;
  readonly secrets: SecretBox;
  /** Issue 14: the core's entry for scheduled change digests. */
  readonly digests: DigestRunner;
  /** Runs the periodic expiry sweep. */
  start(): void;
  /** Issue 14: runs due change digests now and then, posting them with `deliver`. */
  startDigests(deliver: DigestDeliver): void;
  /** Stops the sweep and closes the database; safe to call twice. */
  stop(): Promise<void>;
}

function keyStoreOf(config: AppConfig): KeyStore {
  const { database } = config.core;
  if (database.dialect === 'postgres') return { kind: 'shared' };
  return database.path === ':memory:'
    ? { kind: 'memory' }
    : { kind: 'sqlite-file', databasePath: database.path };
}

/** Timeouts and error logging for openStorage, shared by the app and `psa-import migrate`. */
export function storageOptions(config: AppConfig, logger: AppLogger): OpenStorageOptions {
  return {
    connectTimeoutMs: config.core.databaseConnectTimeoutMs,
    statementTimeoutMs: config.core.databaseStatementTimeoutMs,
    onPoolError: (error) => logger.error({ err: error }, 'idle database connection failed'),
    onUnavailable: (error) => logger.error({ err: error }, 'the database is unavailable'),
  };
}

/**
 * The composition root: opens the database (running pending migrations), picks the encryption
 * key, wires the PSA gateway and the core, and makes sure the bootstrap admins exist.
 */
export async function createApp(config: AppConfig, options: AppOptions): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const opened = await openStorage(config.core.databaseUrl.reveal(), {
    migrate: true,
    ...storageOptions(config, logger),
  });
  if (opened.migrated.length > 0) logger.info({ migrations: opened.migrated }, 'database migrated');
  logger.info({ database: config.core.databaseLabel, dialect: opened.dialect }, 'database open');

  try {
    const { key, source } = await resolveEncryptionKey(
      config.core.encryptionKey?.reveal() ?? null,
      keyStoreOf(config),
      () => hasSealedCredentials(opened.db),
    );
    if (source.kind === 'key-file') {
      logger.info(
        { path: source.path, created: source.created },
        source.created ? 'generated a new encryption key file' : 'using the encryption key file',
      );
      if (source.looseMode)
        logger.warn(
          { path: source.path },
          'the encryption key file is readable by other users; run chmod 600 on it',
        );
    } else if (source.kind === 'ephemeral') {
      logger.warn(
        {},
        'in-memory database: credentials are encrypted with a key that lives only as long as this process',
      );
    }

    const autotaskZone = options.sandboxAutotaskZone ?? null;
    const psa = createPsaGateway({
      timeoutMs: config.core.psaTimeoutMs,
      maxBodyBytes: config.core.psaMaxBodyBytes,
      logger,
      providers: {
        connectwise: { concurrency: config.core.psaConcurrency },
        ...(autotaskZone === null ? {} : { autotask: { zoneBaseUrl: autotaskZone } }),
      },
    });
    const secrets = createSecretBox(key);
    const ids = options.ids ?? randomIds;
    const { bot, maintenance, digests } = createImportBot({
      storage: opened.storage,
      psa,
      secrets,
      clock,
      ids,
      logger,
      settings: {
        lockTtlMs: config.core.lockTtlMs,
        approvalTtlMs: config.core.approvalTtlMs,
        defaultApprovalPolicy: config.core.approvalPolicy,
        digestMaxRequests: digestMaxRequests(config.digest.requestSharePercent),
        digestDefaultTimeZone: config.digest.defaultTimeZone,
        ownDomains: config.core.ownDomains,
      },
    });
    await bootstrapAdmins(maintenance, config.core.bootstrapAdmins);

    let stopSweep: (() => Promise<void>) | null = null;
    let stopDigests: (() => Promise<void>) | null = null;
    let stopped = false;
    return {
      config,
      bot,
      maintenance,
      opened,
      logger,
      clock,
      ids,
      secrets,
      digests,
      startDigests(deliver) {
        stopDigests ??= startDigestScheduler({
          runner: digests,
          deliver,
          logger,
          holder: replicaId(() => ids.next()),
          intervalMs: config.digest.checkIntervalMs,
        });
      },
      start() {
        stopSweep ??= startSweep({
          maintenance,
          storage: opened.storage,
          clock,
          logger,
          intervalMs: options.sweepIntervalMs ?? 60_000,
        });
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopSweep?.();
        await stopDigests?.();
        await opened.close();
      },
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
