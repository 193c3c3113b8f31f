import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectConnectWiseSandbox,
  startTerminalChat,
  type TerminalChatApp,
} from '../support/terminal-chat-app.js';
import { type ChatDriver, overview, reviewRows } from '../support/terminal-driver.js';

/*
 * Going back to the companies, typed into the terminal chat against the sandbox ConnectWise: the
 * users granted before are still granted afterwards, but those of a company now left out, and
 * the admin is told which is which.
 */

const CANARY = 'CanaryPrivateKey-e2e-keep-decisions';

let app: TerminalChatApp;
let chat: ChatDriver;

beforeAll(async () => {
  app = await startTerminalChat({
    prefix: 'psa-e2e-keep-',
    sandboxTuning: { connectwisePort: 0, connectwisePrivateKey: CANARY },
  });
  chat = app.chat;
});

afterAll(async () => app.stop());

describe('user decisions across going back in the terminal chat', () => {
  it('keeps the grants and says how many no longer apply', async () => {
    await connectConnectWiseSandbox(chat, CANARY);
    await chat.send('/psa import connectwise');
    const companies = overview(await chat.send('next'));
    const granted = Number(/Users: (\d+) to grant/.exec(await chat.send('bulk-users grant-all'))?.[1]);
    expect(granted).toBeGreaterThan(0);

    // Back and on again with nothing changed: every grant is still there, and the admin is told.
    const backAnswer = await chat.send('back');
    expect(backAnswer).toContain('reviewing companies');
    expect(backAnswer).toMatch(
      new RegExp(`^Your ${granted} user choices are kept for when you continue to users$`, 'm'),
    );
    const same = await chat.send('next');
    expect(same).toContain(`Users: ${granted} to grant`);
    expect(same).toMatch(new RegExp(`^Your earlier user choices: ${granted} kept$`, 'm'));

    // Back, one company with three granted contacts left out: theirs no longer apply.
    const rows = reviewRows(await chat.send('back'));
    const dropped = companies.find((c) => c.eligible === 3 && c.ineligible === 0);
    const row = rows.find((r) => r.name === dropped?.name);
    expect(await chat.send(`decide ${row?.n} skip`)).toContain('→ Leave out');
    const after = await chat.send('next');
    expect(after).toContain(`Users: ${granted - 3} to grant`);
    expect(after).toContain(
      `Your earlier user choices: ${granted - 3} kept, 3 no longer apply (contacts now left out,`,
    );
  });
});
