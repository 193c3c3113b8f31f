import { describe, expect, it } from 'vitest';
import { createImportBot } from '../../../src/app/create-import-bot.js';
import type { Logger } from '../../../src/ports/logger.js';
import { connect, coreHarness } from '../../support/core-harness.js';
import { storageDialects, useTestStorage } from '../../support/storage-dialects.js';

const SECRET_PART = 'pk-7f3a-never-logged';

/**
 * Issue 8: stored credentials are JSON inside the seal. Text that decrypts but is not JSON is
 * damaged data; the parser's message would quote it, and it is the secret.
 */
describe.each(storageDialects())('damaged sealed credentials on $name', (dialect) => {
  const current = useTestStorage(dialect);

  it('refuses with credentials_unreadable and keeps the text out of the error and the log', async () => {
    const db = current();
    const h = await coreHarness(db);
    const lines: unknown[] = [];
    const record =
      (level: string): Logger['error'] =>
      (fields, message) => {
        lines.push({ level, fields, message });
      };
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const { bot } = createImportBot({ ...h.deps, logger });
    await connect(h);
    const integration = await db.storage.repos.integrations.find(h.tenantId, 'connectwise');
    if (integration === null) throw new Error('connected above');
    const sealed = h.deps.secrets.seal(
      `{"apiKey":"${SECRET_PART}"`,
      `integration:${integration.id}:${integration.tenantId}:${integration.provider}`,
    );
    await db.storage.repos.integrations.upsert({ ...integration, sealedCredentials: sealed });

    const view = await bot.handle(h.alice, {
      kind: 'import',
      provider: 'connectwise',
      filterText: '',
      pageSize: 20,
    });
    expect(view).toMatchObject({ kind: 'error', code: 'credentials_unreadable' });
    expect(JSON.stringify(view)).not.toContain(SECRET_PART);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: { integrationId: integration.id } }),
    );
    for (const line of lines) {
      const fields = (line as { fields: Record<string, unknown> }).fields;
      const err = fields.err instanceof Error ? `${fields.err.message} ${String(fields.err.cause)}` : '';
      expect(`${JSON.stringify(line)} ${err}`).not.toContain(SECRET_PART);
    }
  });
});
