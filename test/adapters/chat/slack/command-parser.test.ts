import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../adapters/chat/slack/command-parser.js';

describe('parseCommand', () => {
  it('reads the commands', () => {
    expect(parseCommand('')).toEqual({ kind: 'intent', intent: { kind: 'help' } });
    expect(parseCommand('import ConnectWise type=Client,Prospect status="Active Client"')).toEqual({
      kind: 'import',
      provider: 'connectwise',
      filterText: 'type=Client,Prospect status="Active Client"',
    });
    expect(parseCommand('connect autotask')).toEqual({ kind: 'connect', provider: 'autotask' });
    expect(parseCommand('cancel')).toEqual({ kind: 'cancel', run: null });
    expect(parseCommand('cancel 0f8fa1c2-1b2c-4d5e-8f90-1234567890ab')).toEqual({
      kind: 'cancel',
      run: '0f8fa1c2-1b2c-4d5e-8f90-1234567890ab',
    });
    // A run id is random by design: it is not mistaken for a pasted key.
    expect(parseCommand('cancel Zk3Jd93kfLq0aPz7')).toEqual({ kind: 'cancel', run: 'Zk3Jd93kfLq0aPz7' });
    expect(parseCommand('licences')).toEqual({ kind: 'intent', intent: { kind: 'licenses' } });
    expect(parseCommand('companies add Acme & Sons')).toEqual({
      kind: 'intent',
      intent: { kind: 'companies-add', name: 'Acme & Sons' },
    });
    expect(parseCommand('companies acme')).toEqual({
      kind: 'intent',
      intent: { kind: 'companies-list', query: 'acme' },
    });
    expect(parseCommand('export')).toEqual({ kind: 'export', run: null });
  });

  it('reads admin mentions as Slack escapes them', () => {
    expect(parseCommand('admins add <@U02BOB|bob>')).toEqual({
      kind: 'intent',
      intent: { kind: 'admins-add', platform: 'slack', userId: 'U02BOB', displayName: 'bob' },
    });
    expect(parseCommand('admins remove <@U02BOB>')).toEqual({
      kind: 'intent',
      intent: { kind: 'admins-remove', platform: 'slack', userId: 'U02BOB' },
    });
    expect(parseCommand('admins add bob').kind).toBe('error');
  });

  it('refuses credentials in the command text without keeping them', () => {
    for (const text of [
      'connect connectwise privateKey=abc123',
      'connect connectwise abc123',
      'import connectwise secret=hunter2',
      'import autotask password: hunter2',
      'import connectwise type=Client publicKey=XYZ',
      'status xoxb-1234-5678-abcdef',
      'import connectwise Zk3Jd93kfLq0aPz7Wm2Xc8Vb5Nn1Hh4TtYy',
    ]) {
      const parsed = parseCommand(text);
      expect(parsed).toEqual({ kind: 'secret-refused' });
      expect(JSON.stringify(parsed)).not.toContain('hunter2');
    }
  });

  it('names unknown providers and verbs', () => {
    expect(parseCommand('import halo')).toEqual({ kind: 'error', code: 'unknown_provider', details: {} });
    expect(parseCommand('frobnicate').kind).toBe('error');
    expect(parseCommand('import').kind).toBe('error');
  });
});
