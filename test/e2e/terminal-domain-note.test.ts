import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectConnectWiseSandbox,
  startTerminalChat,
  type TerminalChatApp,
} from '../support/terminal-chat-app.js';
import { type ChatDriver, overview } from '../support/terminal-driver.js';

/*
 * Issue 11, users step, typed into the terminal chat against the sandbox ConnectWise: a domain
 * set by hand on one managed company shows as a note on the contacts of another company.
 */

const CANARY = 'CanaryPrivateKey-e2e-domain-note';

let app: TerminalChatApp;
let chat: ChatDriver;

beforeAll(async () => {
  app = await startTerminalChat({
    prefix: 'psa-e2e-domain-',
    sandboxTuning: { connectwisePort: 0, connectwisePrivateKey: CANARY },
  });
  chat = app.chat;
});

afterAll(async () => app.stop());

describe('the other-company domain note in the terminal chat', () => {
  it('notes a Globex contact whose domain was given to Initech, leaving its decision alone', async () => {
    const connected = await connectConnectWiseSandbox(chat, CANARY);
    expect(connected).toContain('✓ Connected to ConnectWise Manage');
    expect(await chat.send('/psa companies domain Initech globex.example')).toContain(
      'Domain globex.example added',
    );
    await chat.send('/psa import connectwise');
    const companies = overview(await chat.send('next'));
    const globex = companies.find((c) => c.name === 'Globex Corp.');
    expect(globex).toBeDefined();
    const contacts = await chat.send(`users ${globex?.n}`);
    const lines = contacts.split('\n');
    const hank = lines.findIndex((line) => line.includes('Hank Scorpio'));
    expect(lines[hank + 1]).toBe('          ℹ Note: email domain globex.example belongs to Initech');
    expect(lines[hank + 2]).toContain('→ Leave out');
    expect(contacts.match(/belongs to/g)).toHaveLength(1);
  });
});
