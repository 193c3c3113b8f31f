import { describe, expect, it } from 'vitest';
import { renderApproval } from '../../../../adapters/chat/slack/render/approval-message.js';
import { renderReview } from '../../../../adapters/chat/slack/render/review-message.js';
import { approvalCard } from '../../../../adapters/chat/teams/approval-card.js';
import { reviewCard } from '../../../../adapters/chat/teams/review-card.js';
import { renderView } from '../../../../adapters/chat/terminal/render-view.js';
import { approvalView, reviewRow, reviewView } from '../../../fixtures/sample-views.js';

/** A PSA company name that tries every trick: links, mentions, formatting, new lines, escapes. */
const EVIL =
  '[click](https://evil.example) <https://evil.example|Pay> <!channel> <@U123> *b* _i_ ~s~ `c` line\nbreak www.evil.example \u001b[31mred\u0007 &amp;';

const view = reviewView([
  reviewRow(1, {
    name: EVIL,
    status: 'potential-duplicate',
    candidates: [{ companyId: 'mc-1', companyName: EVIL, reason: `same as "${EVIL}"`, strength: 'same' }],
    decision: { kind: 'map', companyId: 'mc-1' },
    targetName: EVIL,
  }),
]);
const approval = {
  ...approvalView('rejected'),
  rejectReason: EVIL,
  run: { ...approvalView('rejected').run, requesterName: EVIL },
};

type Json = Record<string, unknown>;

/** Every Block Kit text object in a message, however deep. */
function textObjects(value: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const item of value) textObjects(item, found);
  else if (typeof value === 'object' && value !== null) {
    const object = value as Json;
    if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string')
      found.push(object);
    for (const child of Object.values(object)) textObjects(child, found);
  }
  return found;
}

/** Strings of an Adaptive Card a user reads. */
function cardStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) cardStrings(item, found);
  else if (typeof value === 'object' && value !== null)
    for (const child of Object.values(value)) cardStrings(child, found);
  return found;
}

const ALIVE = [
  '://',
  'www.evil',
  '<!channel',
  '<@U123',
  '*b*',
  '_i_',
  '~s~',
  '`c`',
  'line\nbreak',
  '\u001b',
  '\u0007',
];

describe('a hostile PSA name renders inert', () => {
  it('on Slack: verbatim mrkdwn, escaped control characters, no live formatting, link or line', () => {
    for (const message of [renderReview(view), renderApproval(approval)]) {
      const texts = textObjects(message.blocks);
      expect(texts.length).toBeGreaterThan(0);
      for (const object of texts) {
        const text = String(object.text);
        for (const alive of ALIVE) expect(text).not.toContain(alive);
        if (object.type === 'plain_text') continue;
        // Block Kit's rule for mrkdwn: `<` and `>` only around our own mentions, `&` only in entities.
        expect(object.verbatim).toBe(true);
        expect(text.replace(/<@U[A-Z0-9]+>/g, '')).not.toMatch(/[<>]/);
        expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
      // The name is still there to read.
      expect(JSON.stringify(message.blocks)).toContain('evil');
    }
  });

  it('on Teams: markdown characters escaped, no link or line', () => {
    for (const shown of [reviewCard(view), approvalCard(approval, 'base', [])]) {
      for (const text of cardStrings(shown)) {
        for (const alive of ['https://', 'www.evil', 'line\nbreak', '\u001b', '\u0007'])
          expect(text).not.toContain(alive);
        expect(text).not.toMatch(/(?<!\\)\*b(?<!\\)\*/);
        expect(text).not.toMatch(/(?<!\\)`c(?<!\\)`/);
      }
    }
  });

  it('in the terminal: no escape sequence, control character or new line from the name', () => {
    for (const shown of [renderView(view), renderView(approval)]) {
      const controls = [...shown].filter((char) => char !== '\n' && /\p{Cc}/u.test(char));
      expect(controls).toEqual([]);
      expect(shown).not.toContain('line\nbreak');
      expect(shown).toContain('line break');
    }
  });
});
