import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screenLines } from '../../../../adapters/chat/terminal/render-review.js';
import { TerminalSession } from '../../../../adapters/chat/terminal/session.js';
import { wrapLine } from '../../../../adapters/chat/terminal/word-wrap.js';
import { silentLogger } from '../../../../adapters/log/create-logger.js';
import { company } from '../../../fakes/fake-psa-gateway.js';
import {
  type CoreHarness,
  connect,
  coreHarness,
  expectView,
  versionOf,
  WORKSPACE,
} from '../../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../../support/storage-dialects.js';

/*
 * Issue 15's acceptance: a re-import in an 80×24 terminal shows the rows that need a decision on
 * the first screen. The real core on SQLite, typed into the terminal session as an admin would.
 */

const SCREEN = { rows: 24, columns: 80 };
const MAPPED = Array.from({ length: 30 }, (_, i) => `Client ${String(i + 1).padStart(2, '0')}`);

/** What the window shows after a command: the last `rows` screen lines of output and prompt. */
function firstScreen(output: string): string[] {
  const rows = output.split('\n').flatMap((line) => wrapLine(line, SCREEN.columns));
  return [...rows, 'alice> '].slice(-SCREEN.rows);
}

const [sqlite] = storageDialects();

/** Alice at the terminal, in an 80×24 window. */
function aliceAt80x24(h: CoreHarness): TerminalSession {
  return new TerminalSession({
    bot: h.bot,
    io: { askField: async () => null, progress: () => {}, writeExport: async () => '' },
    logger: silentLogger(),
    workspaceId: WORKSPACE.workspaceId,
    actor: { userId: 'alice', displayName: 'Alice' },
    allowSwitchActor: true,
    screen: () => SCREEN,
  });
}

describe('a re-import in an 80×24 terminal', () => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    if (sqlite === undefined) throw new Error('no SQLite dialect');
    db = await sqlite.open();
    h = await coreHarness(db, { managedCompanies: ['Wayne Enterprises', 'Wayne Enterprises, LLC'] });
    expectView(await connect(h), 'connected');
    // The first import: thirty clients created, Globex left out, Wayne ambiguous (left out too).
    h.psa.companies = [
      ...MAPPED.map((name, i) => company(100 + i, name)),
      company(3, 'Wayne Enterprises Inc.'),
      company(4, 'Globex'),
    ];
    const first = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 50 }),
      'review',
    );
    const runId = first.run.runId;
    await h.bot.handle(h.alice, {
      kind: 'decide-companies',
      runId,
      decisions: [{ psaCompanyId: 4, decision: { kind: 'skip' } }],
      paging: { page: 0, pageSize: 50 },
    });
    expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
    const version = await versionOf(h.bot, h.bob, runId);
    expectView(await h.bot.handle(h.bob, { kind: 'approve', runId, version }), 'result');
    // Since then one client came in.
    h.psa.companies = [...h.psa.companies, company(5, 'Zenith Labs')];
  });
  afterEach(async () => db.close());

  it('shows the header with the filter and every row needing a decision on the first screen', async () => {
    const session = aliceAt80x24(h);
    const { text } = await session.execute('/psa import connectwise');
    const screen = firstScreen(text).join('\n');

    // The whole review fits: nothing scrolled away, the header included.
    expect(screenLines(text.split('\n'), SCREEN.columns)).toBeLessThan(SCREEN.rows);
    expect(screen).toContain('Filter: Client; active only (default filter)');
    expect(screen).toContain('Defaults: new → create');
    // Decisions first: the ambiguous row, then the new one, then the one left out last time.
    const order = ['Needs a decision', 'Wayne Enterprises Inc.', 'New: created', 'Zenith Labs'];
    const at = order.map((marker) => screen.indexOf(marker));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The candidates' full reasons take their rows: the row left out last time folds to one line
    // under the heading that says why it is there.
    expect(screen).toMatch(/Left out last time: left out again:\n +3\. Globex {2}\[PSA id 4, left out\]/);
    expect(screen).toContain('after removing "LLC" and "Inc.", ignoring punctuation)');
    // PSA ids on the rows; the thirty mapped rows folded into one counted line.
    expect(screen).toContain('PSA id 3 ');
    expect(screen).toMatch(/PSA id 5[ ,]/);
    expect(screen).toMatch(/#\d+–#\d+: \d+ companies kept \(`review 1 all` lists them\)/);

    // `review 1 all` lists the mapped rows one line each, with their PSA ids.
    const all = await session.execute('review 1 all');
    expect(all.text).toMatch(/Client 01 {2}\[PSA id 100, kept → Client 01\]/);
  });

  it('on a first import whose page is all potential duplicates, cuts the page so the header and the commands stay', async () => {
    // Twenty managed companies with a same-name PSA company each: twenty rows of five lines.
    const names = Array.from({ length: 20 }, (_, i) => `Dup Company ${String(i + 1).padStart(2, '0')}`);
    for (const name of names) await h.bot.handle(h.alice, { kind: 'companies-add', name });
    h.psa.companies = [...h.psa.companies, ...names.map((name, i) => company(500 + i, `${name} Inc.`))];
    const session = aliceAt80x24(h);
    const { text } = await session.execute('/psa import connectwise');
    const screen = firstScreen(text).join('\n');

    expect(screenLines(text.split('\n'), SCREEN.columns)).toBeLessThan(SCREEN.rows);
    expect(screen).toContain('Filter: Client; active only (default filter)');
    expect(screen).toContain('Dup Company 01 Inc.');
    const cut = /… #(\d+)–#(\d+) not shown to fit the window: `review 1 all` lists the whole page/.exec(
      screen,
    );
    expect(cut).not.toBeNull();
    expect(screen).toContain('Next: decide <row#>');
    // The whole page is still one command away.
    const all = await session.execute('review 1 all');
    for (const hidden of [cut?.[1], cut?.[2]])
      expect(all.text).toMatch(new RegExp(`\\n +${hidden}\\. Dup Company`));
  });
});
