import { describe, expect, it } from 'vitest';
import type { ChatCommand } from '../../../../adapters/chat/shared/command-grammar.js';
import { messageFor } from '../../../../adapters/chat/shared/error-messages.js';
import { parseCommand as slack } from '../../../../adapters/chat/slack/command-parser.js';
import { parseTextCommand as teams } from '../../../../adapters/chat/teams/text-command.js';
import { parseLine } from '../../../../adapters/chat/terminal/parser.js';

/**
 * The same words typed on each surface, the way each surface receives them (Slack: the text
 * after `/psa`; Teams: a message with the bot's mention; terminal: a line with `/psa`), must
 * mean the same: the same intent kind, the same command, or the same error code.
 */
function outcome(command: ChatCommand): string {
  switch (command.kind) {
    case 'intent':
      return `intent:${command.intent.kind}`;
    case 'error':
      return `error:${command.code}`;
    default:
      return command.kind;
  }
}

function terminal(text: string): ChatCommand {
  const parsed = parseLine(`/psa ${text}`);
  if (parsed.kind !== 'chat') throw new Error(`not a /psa command: ${parsed.kind}`);
  return parsed.command;
}

const surfaces: Record<string, (text: string) => ChatCommand> = {
  slack,
  teams: (text) => teams(`<at>PSA import</at> ${text}`),
  terminal,
};

const TABLE: readonly (readonly [string, string])[] = [
  ['', 'intent:help'],
  ['help', 'intent:help'],
  ['HELP', 'intent:help'],
  ['status', 'intent:status'],
  ['history', 'intent:history'],
  ['licences', 'intent:licenses'],
  ['licenses', 'intent:licenses'],
  ['admins', 'intent:admins-list'],
  ['companies acme', 'intent:companies-list'],
  ['companies add Acme & Sons', 'intent:companies-add'],
  ['companies add', 'error:invalid_input'],
  ['connect connectwise', 'connect'],
  ['connect', 'error:invalid_input'],
  ['connect sap', 'error:unknown_provider'],
  ['import autotask', 'import'],
  ['import connectwise type=Client,Prospect status="Active Client" inactive', 'import'],
  ['import connectwise all', 'import'],
  ['import', 'error:invalid_input'],
  ['import sap', 'error:unknown_provider'],
  // A filter typo is refused before anything happens to an open import.
  ['import connectwise colour=red', 'error:invalid_input'],
  ['import connectwise typ=Client', 'error:invalid_input'],
  ['cancel', 'cancel'],
  ['cancel 2', 'cancel'],
  ['export', 'export'],
  ['frobnicate', 'error:invalid_input'],
  ['hello there', 'error:invalid_input'],
  ['admins promote bob', 'error:invalid_input'],
  // Credentials: a pasted 16-character key, an assignment, extra words after connect.
  ['import connectwise XyPk2Lm9Qr4St6Vb', 'secret-refused'],
  ['companies add a8Fk3LqZ0pW7nB2x', 'secret-refused'],
  ['import autotask password=hunter2', 'secret-refused'],
  ['connect connectwise XyPk2Lm9Qr4St6Vb', 'secret-refused'],
  ['status xoxb-1234-5678-abcdef', 'secret-refused'],
  ['XyPk2Lm9Qr4St6Vb', 'secret-refused'],
  // Issue 14: the change digest.
  ['schedule connectwise weekly monday 08:00 Europe/Berlin', 'intent:digest-schedule'],
  ['schedule autotask daily --always', 'intent:digest-schedule'],
  ['schedule connectwise off', 'intent:digest-off'],
  ['schedule connectwise', 'error:invalid_input'],
  ['digest halopsa', 'intent:digest-now'],
  // Issue 11: a managed company's known domain, set and removed by hand.
  ['companies domain Acme Widgets acme.com', 'intent:companies-domain'],
  ['companies domain remove Acme Widgets acme.com', 'intent:companies-domain'],
  ['companies domain acme.com', 'error:invalid_input'],
];

describe('every surface behaves the same for the same words', () => {
  it.each(TABLE)('%j → %s', (text, expected) => {
    const results = Object.fromEntries(
      Object.entries(surfaces).map(([name, parse]) => [name, outcome(parse(text))]),
    );
    expect(results).toEqual({ slack: expected, teams: expected, terminal: expected });
  });

  it('reads the company name and the domain of companies domain the same everywhere', () => {
    for (const parse of Object.values(surfaces)) {
      expect(parse('companies domain remove "St. Mary\'s Dental" stmarys.com')).toEqual({
        kind: 'intent',
        intent: {
          kind: 'companies-domain',
          action: 'remove',
          company: "St. Mary's Dental",
          domain: 'stmarys.com',
        },
      });
      expect(parse('companies domain Acme Widgets https://www.acme.com')).toEqual({
        kind: 'intent',
        intent: {
          kind: 'companies-domain',
          action: 'add',
          company: 'Acme Widgets',
          domain: 'https://www.acme.com',
        },
      });
    }
  });

  it('gives every surface the same words for an unknown command', () => {
    const answers = Object.values(surfaces).map((parse) => parse('frobnicate'));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    const answer = answers[0];
    if (answer?.kind !== 'error') throw new Error('an unknown command must be an error');
    const message = messageFor(answer.code, answer.details);
    expect(message.text).toBe('That did not work: unknown command');
    // The pointer to help is said once, as the next step.
    expect(`${message.text} ${message.nextStep}`.split('/psa help')).toHaveLength(2);
  });

  it('never carries refused text in what it returns', () => {
    for (const parse of Object.values(surfaces)) {
      expect(JSON.stringify(parse('import connectwise XyPk2Lm9Qr4St6Vb'))).not.toContain('XyPk2Lm9Qr4St6Vb');
    }
  });
});
