import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerValue, startTerminalChat, type TerminalChatApp } from '../support/terminal-chat-app.js';
import { type ChatDriver, contactLines, count, overview, reviewRows } from '../support/terminal-driver.js';

/*
 * Issue 12's acceptance: the README walk-through with `halopsa` from the terminal chat, with the
 * banner's sandbox values, against the sandbox HaloPSA (authinfo discovery, client credentials,
 * capped pages), through a second admin's approval and a re-import that creates nothing.
 */

let app: TerminalChatApp;
let chat: ChatDriver;

beforeAll(async () => {
  app = await startTerminalChat({
    prefix: 'psa-e2e-halo-',
    sandboxTuning: { connectwisePort: 0, halopsaPort: 0 },
  });
  chat = app.chat;
});

afterAll(async () => app.stop());

/** A value of the banner's HaloPSA block (ConnectWise has a "Client ID" too). */
const haloBannerValue = (label: string): string => bannerValue(chat, label, 'HaloPSA sandbox');

describe('the import flow on HaloPSA through the terminal chat', () => {
  it('connects with the banner values, imports with a second admin sign-off, and re-imports without creating anything', async () => {
    expect(haloBannerValue('Tenant')).toBe('(leave');
    const connected = await chat.send('/psa connect halopsa', [
      haloBannerValue('Halo URL'),
      haloBannerValue('Client ID'),
      haloBannerValue('Client secret'),
      '',
      '',
    ]);
    expect(connected).toContain('✓ Connected to HaloPSA');

    const review = await chat.send('/psa import halopsa');
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

    const companies = overview(await chat.send('next'));
    const company = companies.find((c) => c.eligible > 0 && c.ineligible > 0) ?? companies[0];
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
    const again = await chat.send('/psa import halopsa');
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
    expect(await chat.send('/psa history')).toContain('HaloPSA');
  });
});
