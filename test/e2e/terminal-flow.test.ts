import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectConnectWiseSandbox,
  startTerminalChat,
  type TerminalChatApp,
} from '../support/terminal-chat-app.js';
import { type ChatDriver, contactLines, count, overview, reviewRows } from '../support/terminal-driver.js';

/*
 * The acceptance of the core issue, typed into the terminal chat in line mode (stdin is not a TTY)
 * exactly as a script or a newcomer would: `npm start` against the sandbox ConnectWise and a fresh
 * SQLite database. After each command the driver sends a `# sync n` comment; its echo marks the
 * end of the command's output, so nothing here waits on time.
 */

const CANARY = 'CanaryPrivateKey-e2e-5f1d3b';

let app: TerminalChatApp;
let chat: ChatDriver;

beforeAll(async () => {
  app = await startTerminalChat({
    prefix: 'psa-e2e-',
    sandboxTuning: { connectwisePort: 0, connectwisePrivateKey: CANARY },
    env: { LOG_LEVEL: 'debug' },
  });
  chat = app.chat;
});

afterAll(async () => app.stop());

describe('the import flow through the terminal chat', () => {
  it('runs the acceptance walk-through end to end', async () => {
    expect(chat.text).toMatch(/Site +http:\/\/127\.0\.0\.1:\d+/);
    const afterBanner = chat.text.length;

    // Connect: the private key is typed like any field and never shown back.
    const connected = await connectConnectWiseSandbox(chat, CANARY);
    expect(connected).toContain('✓ Connected to ConnectWise Manage');
    expect(connected).toContain('Private key: (hidden)');

    // Import: unmapped first, each potential duplicate with its reason.
    const review = await chat.send('/psa import connectwise');
    const rows = reviewRows(review);
    expect(rows.length).toBe(20);
    expect(rows.every((row) => row.status !== 'Mapped')).toBe(true);
    const duplicate = rows.find((row) => row.status === 'Unmapped – potential duplicate');
    expect(duplicate?.block).toMatch(/candidate 1: .+ \(same .+\)/);
    const unmappedTotal = Number(
      /\((\d+) unmapped, (\d+) potential duplicates, 0 mapped\)/.exec(review)?.[1],
    );
    const duplicateTotal = Number(/(\d+) potential duplicates/.exec(review)?.[1]);
    expect(unmappedTotal).toBeGreaterThan(0);

    // Map the duplicate to its existing company, leave another company out.
    const candidateName = /candidate 1: (.+?) \(/.exec(duplicate?.block ?? '')?.[1] ?? '';
    expect(await chat.send(`decide ${duplicate?.n} map 1`)).toContain(`→ Map to ${candidateName}`);
    const leftOut = rows.find((row) => row.status === 'Unmapped');
    expect(await chat.send(`decide ${leftOut?.n} skip`)).toContain(`${leftOut?.name} → Leave out`);

    // The full review as a CSV file under the data folder.
    const exported = /✓ Wrote the review of import \S+ to (.+)\n/.exec(await chat.send('export'))?.[1] ?? '';
    expect(exported.startsWith(join(app.dir, 'exports'))).toBe(true);
    const csv = await readFile(exported, 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(unmappedTotal + duplicateTotal + 1);

    // Users: a company with a red X, and eligible contacts granted.
    const users = await chat.send('next');
    const companies = overview(users);
    const withRedX = companies.find((c) => c.ineligible > 0 && c.eligible > 0);
    expect(withRedX).toBeDefined();
    const contacts = await chat.send(`users ${withRedX?.n}`);
    expect(contacts).toMatch(/✗ not eligible: .+/);
    const eligible = contactLines(contacts).filter((c) => c.mark === '[ ]');
    expect(eligible.length).toBe(withRedX?.eligible);
    const granted = await chat.send(`grant ${eligible.map((c) => c.n).join(' ')}`);
    expect(granted).toContain('→ Grant access (new user)');
    const other = companies.find((c) => c !== withRedX && c.eligible > 0 && c.ineligible === 0);
    await chat.send(`users ${other?.n}`);
    expect(await chat.send('bulk-users grant-all')).toMatch(/Users: \d+ to grant/);
    const grantedTotal = eligible.length + (other?.eligible ?? 0);

    // A second admin cannot start an import while this one holds the lock.
    expect(await chat.send('/as bob')).toBe('Now acting as Bob\n');
    expect(await chat.send('/psa import connectwise')).toContain(
      'Another admin is already working with this integration',
    );
    await chat.send('/as alice');

    // Submit as alice; alice cannot approve; bob approves.
    const approval = await chat.send('submit');
    expect(approval).toContain('Approval requested by Alice');
    expect(count(approval, 'Users to grant (new, one licence each)')).toBe(grantedTotal);
    expect(count(approval, 'Companies left out')).toBe(1);
    expect(await chat.send('approve')).toContain('You cannot approve an import you prepared');
    await chat.send('/as bob');
    const result = await chat.send('approve');
    expect(result).toContain('Import applied, approved by Bob');
    expect(count(result, 'Companies created')).toBe(count(approval, 'Companies to create'));
    expect(count(result, 'Companies mapped')).toBe(count(approval, 'Companies to map to existing'));
    expect(count(result, 'Companies mapped')).toBeGreaterThanOrEqual(1);
    // Every fetched company but the one left out was either created or mapped.
    expect(count(result, 'Companies created') + count(result, 'Companies mapped')).toBe(
      unmappedTotal + duplicateTotal - 1,
    );
    expect(count(result, 'Users imported')).toBe(grantedTotal);
    expect(count(result, 'Errors')).toBe(0);
    const imported = count(result, 'Companies created') + count(result, 'Companies mapped');

    // Import again: everything imported is Mapped, the left-out company comes first.
    await chat.send('/as alice');
    const again = await chat.send('/psa import connectwise');
    expect(again).toContain(`(1 unmapped, 0 potential duplicates, ${imported} mapped)`);
    const againRows = reviewRows(again);
    expect(againRows[0]).toMatchObject({ name: leftOut?.name, status: 'Unmapped' });
    expect(againRows.slice(1).every((row) => row.status === 'Mapped')).toBe(true);
    await chat.send(`decide ${againRows[0]?.n} skip`);

    // Previously imported users are pre-selected.
    const usersAgain = overview(await chat.send('next'));
    const sameCompany = usersAgain.find((c) => c.name === withRedX?.name);
    const contactsAgain = contactLines(await chat.send(`users ${sameCompany?.n}`));
    expect(contactsAgain.filter((c) => c.mark === '[x]').map((c) => c.n)).toEqual(eligible.map((c) => c.n));

    const approvalAgain = await chat.send('submit');
    expect(count(approvalAgain, 'Companies to create')).toBe(0);
    expect(count(approvalAgain, 'Users to grant (new, one licence each)')).toBe(0);
    await chat.send('/as bob');
    const resultAgain = await chat.send('approve');
    expect(count(resultAgain, 'Companies created')).toBe(0);
    expect(count(resultAgain, 'Companies mapped')).toBe(0);
    expect(count(resultAgain, 'Users imported')).toBe(0);
    expect(count(resultAgain, 'Companies kept')).toBe(imported);
    expect(count(resultAgain, 'Users kept')).toBe(grantedTotal);

    // End of input ends the chat cleanly.
    chat.stdin.end();
    expect(await app.exit).toBe(0);
    expect(chat.text.slice(afterBanner)).not.toContain(CANARY);
  });

  it('never writes the canary private key to the log or in plain text to the database', async () => {
    const log = await readFile(join(app.dir, 'psa-import.log'), 'utf8');
    expect(log).toContain('intent');
    expect(log).not.toContain(CANARY);
    const files = (await readdir(app.dir)).filter((name) => name.startsWith('psa-import.db'));
    expect(files).toContain('psa-import.db');
    let database = '';
    for (const name of files) database += (await readFile(join(app.dir, name))).toString('latin1');
    expect(database).toContain('Acme');
    expect(database).not.toContain(CANARY);
    expect(database).not.toContain(Buffer.from(CANARY).toString('base64'));
  });
});
