import { describe, expect, it } from 'vitest';
import { parseLine } from '../../../../adapters/chat/terminal/parser.js';

describe('terminal command parser', () => {
  it('reads the /psa commands', () => {
    expect(parseLine('/psa')).toEqual({ kind: 'psa', command: { kind: 'help' } });
    expect(parseLine('  /psa connect ConnectWise ')).toEqual({
      kind: 'psa',
      command: { kind: 'connect', provider: 'connectwise' },
    });
    expect(parseLine('/psa import connectwise type=Client,Prospect  status="Active"')).toEqual({
      kind: 'psa',
      command: {
        kind: 'import',
        provider: 'connectwise',
        filterText: 'type=Client,Prospect  status="Active"',
      },
    });
    for (const word of ['status', 'cancel', 'history', 'licenses']) {
      expect(parseLine(`/psa ${word}`)).toEqual({ kind: 'psa', command: { kind: word } });
    }
    expect(parseLine('/psa licences')).toEqual({ kind: 'psa', command: { kind: 'licenses' } });
  });

  it('reads admins and companies sub-commands, keeping names whole', () => {
    expect(parseLine('/psa admins')).toEqual({ kind: 'psa', command: { kind: 'admins-list' } });
    expect(parseLine('/psa admins add carol Carol  Jones')).toEqual({
      kind: 'psa',
      command: { kind: 'admins-add', platform: 'terminal', userId: 'carol', displayName: 'Carol  Jones' },
    });
    expect(parseLine('/psa admins add slack:U123')).toEqual({
      kind: 'psa',
      command: { kind: 'admins-add', platform: 'slack', userId: 'U123', displayName: 'U123' },
    });
    expect(parseLine('/psa admins remove bob')).toEqual({
      kind: 'psa',
      command: { kind: 'admins-remove', platform: 'terminal', userId: 'bob' },
    });
    expect(parseLine('/psa companies search acme inc')).toEqual({
      kind: 'psa',
      command: { kind: 'companies-list', query: 'acme inc' },
    });
    expect(parseLine('/psa companies acme')).toEqual({
      kind: 'psa',
      command: { kind: 'companies-list', query: 'acme' },
    });
    expect(parseLine('/psa companies')).toEqual({
      kind: 'psa',
      command: { kind: 'companies-list', query: '' },
    });
    expect(parseLine('/psa companies add Smith & Sons, LLC')).toEqual({
      kind: 'psa',
      command: { kind: 'companies-add', name: 'Smith & Sons, LLC' },
    });
  });

  it('reads company decisions with candidates, listed companies and ids', () => {
    expect(parseLine('decide 3 skip')).toEqual({
      kind: 'run',
      command: { kind: 'decide', row: 3, decision: 'skip' },
    });
    expect(parseLine('decide 3 UNMAP')).toEqual({
      kind: 'run',
      command: { kind: 'decide', row: 3, decision: 'unmap' },
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
      command: { kind: 'decide-users', contacts: [1, 2, 5], decision: 'grant' },
    });
    expect(parseLine('new-user 4')).toEqual({
      kind: 'run',
      command: { kind: 'decide-users', contacts: [4], decision: 'new-user' },
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
    expect(parseLine('/psa approve')).toEqual({ kind: 'run', command: { kind: 'approve' } });
    expect(parseLine('reject  not this  week')).toEqual({
      kind: 'run',
      command: { kind: 'reject', reason: 'not this  week' },
    });
    expect(parseLine('/psa reject duplicates')).toEqual({
      kind: 'run',
      command: { kind: 'reject', reason: 'duplicates' },
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
    expect(parseLine(line).kind).toBe('invalid');
  });
});
