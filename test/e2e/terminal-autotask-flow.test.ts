import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bannerValue,
  connectConnectWiseSandbox,
  startTerminalChat,
  type TerminalChatApp,
} from '../support/terminal-chat-app.js';
import { type ChatDriver, contactLines, count, overview, reviewRows } from '../support/terminal-driver.js';

/*
 * Issue 3's acceptance: the core issue's flow on Autotask from the terminal chat, against the
 * sandbox Autotask (zone discovery, the three auth headers, id-cursor paging, the thread limit),
 * while a ConnectWise integration of the same tenant keeps its own lock.
 */

let app: TerminalChatApp;
let chat: ChatDriver;

beforeAll(async () => {
  app = await startTerminalChat({
    prefix: 'psa-e2e-at-',
    sandboxTuning: { connectwisePort: 0 },
  });
  chat = app.chat;
});

afterAll(async () => app.stop());

describe('the import flow on Autotask through the terminal chat', () => {
  it('connects, imports with a second admin sign-off, and re-imports without creating anything', async () => {
    const connected = await chat.send('/psa connect autotask', [
      bannerValue(chat, 'API username'),
      bannerValue(chat, 'Secret'),
      bannerValue(chat, 'Integration code'),
    ]);
    expect(connected).toContain('✓ Connected to Datto Autotask');

    const review = await chat.send('/psa import autotask');
    const rows = reviewRows(review);
    expect(rows.length).toBeGreaterThan(0);
    const duplicate = rows.find((row) => row.status === 'Unmapped – potential duplicate');
    expect(duplicate?.block).toMatch(/candidate 1: .+ \(same .+\)/);
    const unmapped = Number(/\((\d+) unmapped, \d+ potential duplicates, 0 mapped\)/.exec(review)?.[1]);
    const duplicates = Number(/(\d+) potential duplicates/.exec(review)?.[1]);
    // Rows left out before any decision: a second PSA company of the same name (issue 11).
    const leftOutByDefault = Number(/(\d+) left out$/m.exec(review)?.[1]);
    expect(await chat.send(`decide ${duplicate?.n} map 1`)).toContain('→ Map to');
    const leftOut = rows.find((row) => row.status === 'Unmapped');
    expect(await chat.send(`decide ${leftOut?.n} skip`)).toContain('→ Leave out');

    // Another admin can work with the ConnectWise integration meanwhile: each has its own lock.
    await chat.send('/as bob');
    expect(await chat.send('/psa import autotask')).toContain(
      'Another admin is already working with this integration',
    );
    await connectConnectWiseSandbox(chat, 'SandboxPrivateKey01');
    expect(reviewRows(await chat.send('/psa import connectwise')).length).toBeGreaterThan(0);
    expect(await chat.send('/psa cancel')).toContain('cancelled');
    await chat.send('/as alice');

    const companies = overview(await chat.send('next'));
    const company = companies.find((c) => c.eligible > 0);
    expect(company).toBeDefined();
    const contacts = await chat.send(`users ${company?.n}`);
    const eligible = contactLines(contacts).filter((c) => c.mark === '[ ]');
    await chat.send(`grant ${eligible.map((c) => c.n).join(' ')}`);

    const approval = await chat.send('submit');
    expect(count(approval, 'Users to grant (new, one licence each)')).toBe(eligible.length);
    expect(await chat.send('approve')).toContain('You cannot approve an import you prepared');
    await chat.send('/as bob');
    const result = await chat.send('approve');
    expect(result).toContain('Import applied, approved by Bob');
    expect(result).toMatch(/[1-9]\d* requests to the PSA/);
    const imported = count(result, 'Companies created') + count(result, 'Companies mapped');
    expect(imported).toBe(unmapped + duplicates - leftOutByDefault - 1);
    expect(count(result, 'Users imported')).toBe(eligible.length);

    await chat.send('/as alice');
    const again = await chat.send('/psa import autotask');
    // The twin left out by default is now a potential duplicate of the company its twin created.
    expect(again).toContain(`(1 unmapped, ${leftOutByDefault} potential duplicates, ${imported} mapped)`);
    await chat.send(`decide ${reviewRows(again)[0]?.n} skip`);
    await chat.send('next');
    await chat.send('submit');
    await chat.send('/as bob');
    const resultAgain = await chat.send('approve');
    expect(count(resultAgain, 'Companies created')).toBe(0);
    expect(count(resultAgain, 'Users imported')).toBe(0);
    expect(count(resultAgain, 'Users kept')).toBe(eligible.length);

    const history = await chat.send('/psa history');
    expect(history).toContain('Datto Autotask');
    expect(history).toContain('ConnectWise Manage');
  });
});
