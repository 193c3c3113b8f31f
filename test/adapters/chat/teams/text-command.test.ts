import { describe, expect, it } from 'vitest';
import { UNKNOWN_COMMAND_HINT } from '../../../../adapters/chat/shared/command-grammar.js';
import { commandText, parseTextCommand } from '../../../../adapters/chat/teams/text-command.js';

describe('messages to the bot', () => {
  it('lose their mention and an optional /psa', () => {
    expect(commandText('<at>PSA import</at>&nbsp;/psa  status')).toBe('status');
    expect(commandText('<p>history</p>')).toBe('history');
  });

  it('become the commands of the other surfaces', () => {
    expect(parseTextCommand('<at>PSA</at> status')).toEqual({ kind: 'intent', intent: { kind: 'status' } });
    expect(parseTextCommand('cancel')).toEqual({ kind: 'cancel', run: null });
    expect(parseTextCommand('licences')).toEqual({ kind: 'intent', intent: { kind: 'licenses' } });
    expect(parseTextCommand('companies add Contoso Ltd')).toEqual({
      kind: 'intent',
      intent: { kind: 'companies-add', name: 'Contoso Ltd' },
    });
    expect(parseTextCommand('companies acme')).toEqual({
      kind: 'intent',
      intent: { kind: 'companies-list', query: 'acme' },
    });
    expect(parseTextCommand('admins add 1234 Carol C')).toEqual({
      kind: 'intent',
      intent: { kind: 'admins-add', platform: 'teams', userId: '1234', displayName: 'Carol C' },
    });
    expect(parseTextCommand('admins remove 1234')).toEqual({
      kind: 'intent',
      intent: { kind: 'admins-remove', platform: 'teams', userId: '1234' },
    });
  });

  it('turn connect into a dialog button and import into the dialog’s import', () => {
    expect(parseTextCommand('connect autotask')).toEqual({ kind: 'connect', provider: 'autotask' });
    expect(parseTextCommand('/psa import connectwise type=Client inactive')).toEqual({
      kind: 'import',
      provider: 'connectwise',
      filterText: 'type=Client inactive',
    });
  });

  it('answer nothing with help, and anything else with the error every surface gives', () => {
    expect(parseTextCommand('<at>PSA</at>')).toEqual({ kind: 'intent', intent: { kind: 'help' } });
    expect(parseTextCommand('hello')).toEqual({
      kind: 'error',
      code: 'invalid_input',
      details: { hint: UNKNOWN_COMMAND_HINT },
    });
    expect(parseTextCommand('import sap')).toEqual({ kind: 'error', code: 'unknown_provider', details: {} });
    expect(parseTextCommand('connect')).toMatchObject({ kind: 'error', code: 'invalid_input' });
  });
});
