import { describe, expect, it } from 'vitest';
import { parseLine } from '../../../../adapters/chat/terminal/parser.js';
import type { Intent } from '../../../../src/app/intents.js';

const intent = (value: Intent) => ({ kind: 'chat', command: { kind: 'intent', intent: value } });

describe('terminal command parser', () => {
  it('reads the /psa commands', () => {
    expect(parseLine('/psa')).toEqual(intent({ kind: 'help' }));
    expect(parseLine('  /psa connect ConnectWise ')).toEqual({
      kind: 'chat',
      command: { kind: 'connect', provider: 'connectwise' },
    });
    expect(parseLine('/psa import connectwise type=Client,Prospect  status="Active"')).toEqual({
      kind: 'chat',
      command: {
        kind: 'import',
        provider: 'connectwise',
        filterText: 'type=Client,Prospect  status="Active"',
      },
    });
    for (const word of ['status', 'history', 'licenses'] as const) {
      expect(parseLine(`/psa ${word}`)).toEqual(intent({ kind: word }));
    }
    expect(parseLine('/psa cancel')).toEqual({ kind: 'chat', command: { kind: 'cancel', run: null } });
    expect(parseLine('cancel 2')).toEqual({ kind: 'chat', command: { kind: 'cancel', run: '2' } });
    expect(parseLine('/psa licences')).toEqual(intent({ kind: 'licenses' }));
  });

  it('reads admins and companies sub-commands, keeping names whole', () => {
    expect(parseLine('/psa admins')).toEqual(intent({ kind: 'admins-list' }));
    expect(parseLine('/psa admins add carol Carol  Jones')).toEqual(
      intent({ kind: 'admins-add', platform: 'terminal', userId: 'carol', displayName: 'Carol  Jones' }),
    );
    expect(parseLine('/psa admins add slack:U123')).toEqual(
      intent({ kind: 'admins-add', platform: 'slack', userId: 'U123', displayName: 'U123' }),
    );
    expect(parseLine('/psa admins remove bob')).toEqual(
      intent({ kind: 'admins-remove', platform: 'terminal', userId: 'bob' }),
    );
    expect(parseLine('/psa companies search acme inc')).toEqual(
      intent({ kind: 'companies-list', query: 'acme inc' }),
    );
    expect(parseLine('/psa companies acme')).toEqual(intent({ kind: 'companies-list', query: 'acme' }));
    expect(parseLine('/psa companies')).toEqual(intent({ kind: 'companies-list', query: '' }));
    // Paging the matches: `page <n>` at the end, 1-based in the grammar, 0-based in the intent.
    expect(parseLine('/psa companies acme inc page 2')).toEqual(
      intent({ kind: 'companies-list', query: 'acme inc', page: 1 }),
    );
    expect(parseLine('/psa companies page 3')).toEqual(
      intent({ kind: 'companies-list', query: '', page: 2 }),
    );
    expect(parseLine('/psa companies search page one')).toEqual(
      intent({ kind: 'companies-list', query: 'page one' }),
    );
    expect(parseLine('/psa companies acme page 0')).toMatchObject({
      kind: 'chat',
      command: { kind: 'error' },
    });
    expect(parseLine('/psa companies add Smith & Sons, LLC')).toEqual(
      intent({ kind: 'companies-add', name: 'Smith & Sons, LLC' }),
    );
  });

  it('reads company decisions with candidates, listed companies and ids', () => {
    expect(parseLine('decide 3 skip')).toEqual({
      kind: 'run',
      command: { kind: 'decide', row: 3, code: 'skip' },
    });
    expect(parseLine('decide 3 UNMAP')).toEqual({
      kind: 'run',
      command: { kind: 'decide', row: 3, code: 'unmap-create' },
    });
    expect(parseLine('decide 4 map 2')).toEqual({
      kind: 'run',
      command: { kind: 'decide-map', row: 4, choice: { kind: 'number', n: 2 } },
    });
    expect(parseLine('decide 4 map @1')).toEqual({
      kind: 'run',
      command: { kind: 'decide-map', row: 4, choice: { kind: 'listed', n: 1 } },
    });
    expect(parseLine('decide 4 map mc_77')).toEqual({
      kind: 'run',
      command: { kind: 'decide-map', row: 4, choice: { kind: 'id', id: 'mc_77' } },
    });
    expect(parseLine('bulk map-single')).toEqual({
      kind: 'run',
      command: { kind: 'bulk', action: 'map-all-single-candidates' },
    });
  });

  it('reads the users step', () => {
    expect(parseLine('users')).toEqual({
      kind: 'run',
      command: { kind: 'users', company: null, page: null },
    });
    expect(parseLine('users 2 page 3')).toEqual({
      kind: 'run',
      command: { kind: 'users', company: 2, page: 3 },
    });
    expect(parseLine('grant 1 2  5')).toEqual({
      kind: 'run',
      command: { kind: 'decide-users', contacts: [1, 2, 5], code: 'grant' },
    });
    expect(parseLine('new-user 4')).toEqual({
      kind: 'run',
      command: { kind: 'decide-users', contacts: [4], code: 'unmap-create' },
    });
    expect(parseLine('map-user 2')).toEqual({
      kind: 'run',
      command: { kind: 'map-user', contact: 2, userId: null },
    });
    expect(parseLine('bulk-users grant-all Billing Contact')).toEqual({
      kind: 'run',
      command: { kind: 'bulk-users', action: 'grant-all-eligible', contactType: 'Billing Contact' },
    });
  });

  it('reads approval commands, with or without /psa', () => {
    expect(parseLine('submit')).toEqual({ kind: 'run', command: { kind: 'submit' } });
    expect(parseLine('/psa approve')).toEqual({ kind: 'run', command: { kind: 'approve', run: null } });
    expect(parseLine('approve 2')).toEqual({ kind: 'run', command: { kind: 'approve', run: 2 } });
    expect(parseLine('reject 2 not now')).toEqual({
      kind: 'run',
      command: { kind: 'reject', run: 2, reason: 'not now' },
    });
    expect(parseLine('reject  not this  week')).toEqual({
      kind: 'run',
      command: { kind: 'reject', run: null, reason: 'not this  week' },
    });
    expect(parseLine('/psa reject duplicates')).toEqual({
      kind: 'run',
      command: { kind: 'reject', run: null, reason: 'duplicates' },
    });
    expect(parseLine('/as bob')).toEqual({ kind: 'as', userId: 'bob' });
    expect(parseLine('quit')).toEqual({ kind: 'quit' });
    expect(parseLine('# a comment')).toEqual({ kind: 'empty' });
  });

  it.each([
    'decide',
    'decide x skip',
    'decide 0 skip',
    'decide 2 explode',
    'decide 2 map',
    'grant',
    'grant a',
    'reject',
    'bulk everything',
    'users 2 page',
    'frobnicate',
    '/psa frobnicate',
    '/psa import',
    '/psa admins add',
    '/as',
  ])('explains what is wrong with %j', (line) => {
    const parsed = parseLine(line);
    expect(parsed.kind === 'chat' && parsed.command.kind === 'error').toBe(true);
  });

  it('refuses a key typed as a reason without keeping it', () => {
    expect(parseLine('reject Zk3Jd93kfLq0aPz7')).toEqual({
      kind: 'chat',
      command: { kind: 'secret-refused' },
    });
  });
});
