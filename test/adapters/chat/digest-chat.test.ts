import { describe, expect, it } from 'vitest';
import { parseChatCommand } from '../../../adapters/chat/shared/command-grammar.js';
import { checkMessage } from '../../../adapters/chat/slack/block-kit-limits.js';
import { parseCommand as slack } from '../../../adapters/chat/slack/command-parser.js';
import { decodeDigestConversation as slackChannel } from '../../../adapters/chat/slack/digest-conversation.js';
import {
  decodeDigestStart,
  renderDigestMessage,
} from '../../../adapters/chat/slack/render/digest-message.js';
import { digestCard } from '../../../adapters/chat/teams/digest-card.js';
import {
  decodeDigestConversation as teamsAddress,
  encodeDigestConversation as teamsConversation,
} from '../../../adapters/chat/teams/digest-conversation.js';
import { parseTextCommand as teams } from '../../../adapters/chat/teams/text-command.js';
import { DigestInbox } from '../../../adapters/chat/terminal/digest-inbox.js';
import { parseLine } from '../../../adapters/chat/terminal/parser.js';
import { renderDigest } from '../../../adapters/chat/terminal/render-digest.js';
import { mrkdwnTexts } from '../../fakes/slack-api.js';
import { digestViews, HOSTILE } from '../../fixtures/sample-views.js';

const [full, worst, quiet, failed] = digestViews();
if (full === undefined || worst === undefined || quiet === undefined || failed === undefined)
  throw new Error('sample digests missing');

describe('/psa schedule and /psa digest', () => {
  const options = { adminRef: () => null, conversation: { platform: 'terminal', data: 'local' } } as const;

  it('reads the schedule words in any order, with defaults left to the core', () => {
    expect(parseChatCommand('schedule connectwise weekly tue 07:30 Europe/Berlin --always', options)).toEqual(
      {
        kind: 'intent',
        intent: {
          kind: 'digest-schedule',
          provider: 'connectwise',
          cadence: 'weekly',
          day: 'tue',
          time: '07:30',
          timeZone: 'Europe/Berlin',
          always: true,
          conversation: options.conversation,
        },
      },
    );
    expect(parseChatCommand('schedule autotask daily', options)).toMatchObject({
      intent: {
        kind: 'digest-schedule',
        cadence: 'daily',
        day: null,
        time: null,
        timeZone: null,
        always: false,
      },
    });
    expect(parseChatCommand('schedule halopsa off', options)).toEqual({
      kind: 'intent',
      intent: { kind: 'digest-off', provider: 'halopsa' },
    });
    expect(parseChatCommand('digest connectwise', options)).toEqual({
      kind: 'intent',
      intent: { kind: 'digest-now', provider: 'connectwise' },
    });
    expect(parseChatCommand('schedule connectwise hourly', options)).toMatchObject({ code: 'invalid_input' });
    expect(parseChatCommand('schedule connectwise weekly 07:00 08:00', options)).toMatchObject({
      code: 'invalid_input',
    });
    expect(parseChatCommand('schedule sap daily', options)).toMatchObject({ code: 'unknown_provider' });
  });

  it('remembers where each surface set it', () => {
    const fromSlack = slack('schedule connectwise daily', 'C0123ABC');
    const slackRef =
      fromSlack.kind === 'intent' && fromSlack.intent.kind === 'digest-schedule'
        ? fromSlack.intent.conversation
        : null;
    expect(slackRef === null ? null : slackChannel(slackRef)).toBe('C0123ABC');

    const address = {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversationId: '19:abc@thread.tacv2;messageid=42',
    };
    const fromTeams = teams('<at>PSA</at> schedule connectwise daily', teamsConversation(address));
    const teamsRef =
      fromTeams.kind === 'intent' && fromTeams.intent.kind === 'digest-schedule'
        ? fromTeams.intent.conversation
        : null;
    expect(teamsRef === null ? null : teamsAddress(teamsRef)).toEqual({
      serviceUrl: address.serviceUrl,
      conversationId: '19:abc@thread.tacv2',
    });

    const fromTerminal = parseLine('/psa schedule connectwise daily');
    expect(fromTerminal).toMatchObject({ command: { intent: { conversation: { platform: 'terminal' } } } });
  });
});

describe('the change digest on each surface', () => {
  it('fits Slack, PSA text inert, with a Start import that carries the import', () => {
    for (const view of [full, worst, quiet, failed])
      expect(checkMessage(renderDigestMessage(view))).toEqual([]);
    const message = renderDigestMessage(full);
    const texts = mrkdwnTexts(message.blocks).join('\n');
    expect(texts).not.toContain('<https://');
    expect(texts).not.toContain('[Pay here](https://evil.example)');
    expect(texts).toMatch(/3 new PSA companies/);
    const button = JSON.stringify(message.blocks).match(/"value":"(\{[^}]*\})"/);
    expect(decodeDigestStart(JSON.parse(`"${button?.[1] ?? ''}"`))).toEqual({
      provider: 'connectwise',
      filterText: 'type=1 status=* active',
    });
    expect(renderDigestMessage(failed).text).toMatch(/could not run/);
    expect(JSON.stringify(renderDigestMessage(failed).blocks)).toMatch(
      /We received a server error from your PSA provider/,
    );
  });

  it('offers Start import on Teams as the import command', () => {
    const card = digestCard(full);
    expect(card.actions?.[0]).toMatchObject({
      type: 'Action.Submit',
      title: 'Start import',
      data: { msteams: { type: 'messageBack', text: '/psa import connectwise type=1 status=* active' } },
    });
    expect(digestCard(quiet).actions).toBeUndefined();
  });

  it('shows counts, names and the command to type in the terminal, at the next prompt', () => {
    const text = renderDigest(full);
    expect(text).toMatch(/Change digest for ConnectWise Manage: 9 changes/);
    expect(text).toMatch(/2 changed emails of imported users/);
    expect(text).toContain('Start the import with: /psa import connectwise type=1 status=* active');
    expect(text).toContain(HOSTILE.slice(0, 20));
    expect(renderDigest(quiet)).toMatch(/No changes in ConnectWise Manage since the last import/);
    const inbox = new DigestInbox();
    expect(inbox.post({ platform: 'slack', data: '{}' }, full)).toBe(false);
    expect(inbox.post({ platform: 'terminal', data: 'local' }, quiet)).toBe(true);
    expect(inbox.drain()).toHaveLength(1);
    expect(inbox.drain()).toEqual([]);
  });
});
