import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageFor } from '../../adapters/chat/shared/error-messages.js';
import { createPsaGateway } from '../../adapters/psa/gateway.js';
import {
  type SandboxConnectWise,
  type SandboxFault,
  startSandboxConnectWise,
} from '../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import { Secret } from '../../src/domain/secret.js';
import { type CoreHarness, coreHarness, expectView } from '../support/core-harness.js';
import { storageDialects, type TestStorage } from '../support/storage-dialects.js';

/*
 * Issue 2's acceptance: each fault the sandbox ConnectWise can inject reaches the admin as the
 * seed's words (DESIGN.md section 6) through the real provider and the core, and no message ever
 * carries the private key, raw PSA output or a stack trace.
 */

const CANARY = 'CanaryPrivateKey-faults-7c2a';

const CASES: readonly { readonly name: string; readonly fault: SandboxFault; readonly text: string }[] = [
  {
    name: '401',
    fault: { status: 401, times: Number.POSITIVE_INFINITY },
    text: 'Authentication error. Check your credentials for your PSA provider and try again',
  },
  {
    name: '403',
    fault: { status: 403, times: Number.POSITIVE_INFINITY },
    text: 'We received a Forbidden error from your PSA provider',
  },
  {
    name: '500',
    fault: { status: 500, times: Number.POSITIVE_INFINITY },
    text: 'We received a server error from your PSA provider',
  },
  {
    name: 'an HTML body where JSON was expected',
    fault: { status: 200, body: 'html', times: Number.POSITIVE_INFINITY },
    text: 'We received an invalid response from your PSA provider',
  },
  {
    name: '429 with Retry-After',
    fault: { status: 429, retryAfterSeconds: 120, times: Number.POSITIVE_INFINITY },
    text: 'Your PSA provider is limiting our requests right now',
  },
  {
    name: 'a slow response',
    fault: { status: 200, delayMs: 2_000, times: Number.POSITIVE_INFINITY },
    text: 'Your PSA provider took too long to answer',
  },
];

let psa: SandboxConnectWise;

beforeAll(async () => {
  psa = await startSandboxConnectWise({ companies: 40, credentials: { privateKey: CANARY } });
});
afterAll(async () => psa.close());

describe.each(storageDialects())('PSA faults through the core on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    const gateway = createPsaGateway({
      timeoutMs: 300,
      maxAttempts: 2,
      random: () => 0,
      sleep: async () => {},
    });
    h = await coreHarness(db, { psa: gateway });
    const connected = await h.bot.handle(h.alice, {
      kind: 'connect',
      provider: 'connectwise',
      credentials: new Secret({ ...psa.credentials }),
    });
    expectView(connected, 'connected');
  });
  afterEach(async () => {
    psa.clearFaults();
    await db.close();
  });

  it.each(CASES)('$name reads as its seed message', async ({ fault, text }) => {
    psa.injectFault(fault);
    const view = await h.bot.handle(h.alice, {
      kind: 'import',
      provider: 'connectwise',
      filterText: '',
      pageSize: 20,
    });
    const error = expectView(view, 'error');
    const message = messageFor(error.code, error.details);
    expect(message.text).toBe(text);
    const shown = JSON.stringify({ view, message });
    expect(shown).not.toContain(CANARY);
    expect(shown).not.toMatch(/\bat .+\.(?:js|ts):\d+/);
    expect(shown).not.toMatch(/<html|<!doctype/i);
    // The failed run released its lock: the admin can retry as soon as the PSA is well again.
    psa.clearFaults();
    expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
  });

  it('rejected credentials are never stored, and say so in the seed words', async () => {
    const view = await h.bot.handle(h.alice, {
      kind: 'connect',
      provider: 'connectwise',
      credentials: new Secret({ ...psa.credentials, privateKey: 'wrong-key' }),
    });
    const error = expectView(view, 'error');
    expect(messageFor(error.code).text).toBe(
      'Authentication error. Check your credentials for your PSA provider and try again',
    );
    const empty = await h.bot.handle(h.alice, {
      kind: 'connect',
      provider: 'connectwise',
      credentials: new Secret({ ...psa.credentials, privateKey: '' }),
    });
    expect(messageFor(expectView(empty, 'error').code).text).toBe('Credentials are required');
  });
});
