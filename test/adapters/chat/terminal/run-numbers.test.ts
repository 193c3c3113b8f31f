import { describe, expect, it } from 'vitest';
import { TerminalSession } from '../../../../adapters/chat/terminal/session.js';
import type { ImportBot } from '../../../../src/app/bot-api.js';
import type { Intent } from '../../../../src/app/intents.js';
import type { RunSummary, View } from '../../../../src/app/views.js';
import type { Actor } from '../../../../src/domain/chat-identity.js';
import { approvalView } from '../../../fixtures/sample-views.js';

/*
 * Two (or three) admins each have an import waiting for approval. `approve`, `reject` and
 * `cancel` take the import's number from `/psa status`; without one, the single other admin's
 * import is meant, and with several the admin is asked which.
 */

const waiting = (runId: string, requesterName: string): RunSummary => ({
  runId,
  provider: 'connectwise',
  status: 'pending-approval',
  number: 1,
  version: 1,
  requesterName,
  approverName: null,
  decidedBy: null,
  rejectReason: null,
  actions: [],
  createdAt: '2026-11-30T08:00:00.000Z',
  result: null,
  failureCode: null,
});

function fakeBot(open: RunSummary[]): { bot: ImportBot; intents: { actor: string; intent: Intent }[] } {
  const intents: { actor: string; intent: Intent }[] = [];
  const bot: ImportBot = {
    async handle(actor: Actor, intent: Intent): Promise<View> {
      intents.push({ actor: actor.userId, intent });
      if (intent.kind === 'status') return { kind: 'status', open, integrations: ['connectwise'] };
      if (intent.kind === 'cancel') return { kind: 'notice', tone: 'success', text: 'Import cancelled' };
      if (intent.kind === 'show-run') {
        const pending = approvalView('pending');
        return { ...pending, run: { ...pending.run, runId: intent.runId } };
      }
      return { kind: 'error', code: 'run_not_found', details: {} };
    },
    claimOnce: async () => true,
  };
  return { bot, intents };
}

function session(bot: ImportBot, userId: string): TerminalSession {
  return new TerminalSession({
    bot,
    io: { askField: async () => null, progress: () => {}, writeExport: async () => '' },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    workspaceId: 'local',
    actor: { userId, displayName: userId },
    allowSwitchActor: false,
  });
}

const decided = (intents: { intent: Intent }[], kind: 'approve' | 'reject' | 'cancel') =>
  intents.flatMap(({ intent }) => (intent.kind === kind ? [intent.runId] : []));

describe('run numbers from /psa status', () => {
  it('numbers the open imports', async () => {
    const { bot } = fakeBot([waiting('run-a', 'alice'), waiting('run-b', 'bob')]);
    const { text } = await session(bot, 'carol').execute('/psa status');
    expect(text).toMatch(/ {2}1\. .*run-a/);
    expect(text).toMatch(/ {2}2\. .*run-b/);
  });

  it('lets each of two admins approve the other’s import', async () => {
    const { bot, intents } = fakeBot([waiting('run-a', 'alice'), waiting('run-b', 'bob')]);
    await session(bot, 'alice').execute('approve');
    await session(bot, 'bob').execute('approve');
    expect(decided(intents, 'approve')).toEqual(['run-b', 'run-a']);
  });

  it('asks which when more than one could be meant, and takes the number', async () => {
    const { bot, intents } = fakeBot([
      waiting('run-a', 'alice'),
      waiting('run-b', 'bob'),
      waiting('run-c', 'carol'),
    ]);
    const carol = session(bot, 'carol');
    expect((await carol.execute('approve')).text).toContain('approve <n>');
    expect(decided(intents, 'approve')).toEqual([]);
    await carol.execute('approve 2');
    await carol.execute('reject 1 wrong filter');
    await carol.execute('cancel 3');
    expect(decided(intents, 'approve')).toEqual(['run-b']);
    expect(decided(intents, 'reject')).toEqual(['run-a']);
    expect(decided(intents, 'cancel')).toEqual(['run-c']);
  });

  it('refuses a number that /psa status does not list', async () => {
    const { bot, intents } = fakeBot([waiting('run-a', 'alice')]);
    expect((await session(bot, 'bob').execute('approve 4')).text).toContain('no import 4');
    expect(decided(intents, 'approve')).toEqual([]);
  });
});
