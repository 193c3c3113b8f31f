import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../../../adapters/chat/slack/block-kit-limits.js';
import { renderSimpleView } from '../../../../adapters/chat/slack/render/simple-views.js';
import type { View } from '../../../../src/app/views.js';
import { longLists, otherViews } from '../../../fixtures/sample-views.js';

const KINDS = new Set(['api-token-created', 'api-tokens', 'webhook-secret', 'webhooks']);
const views = [...otherViews, ...longLists].filter((view) => KINDS.has(view.kind));

describe('Slack rendering of tokens and webhooks', () => {
  it('has samples of every kind', () => {
    expect(new Set(views.map((view) => view.kind))).toEqual(KINDS);
  });

  it.each(views.map((view, index): [string, View] => [`${view.kind} #${index}`, view]))(
    '%s stays within Block Kit limits and keeps PSA and user text inert',
    (_name, view) => {
      const message = renderSimpleView(view);
      expect(message).not.toBeNull();
      expect(checkMessage(message ?? { text: '' })).toEqual([]);
      const json = JSON.stringify(message);
      expect(json).not.toMatch(/<https?:|<!|<@|\*URGENT\*|https:\/\/evil\.example/);
    },
  );

  it('shows a secret whole, as code, so it copies exactly', () => {
    const created = renderSimpleView({
      kind: 'webhook-secret',
      endpointId: 'ep',
      url: 'https://h.example/',
      events: [],
      secret: 'whsec_ab+/cd==',
      rotated: false,
    });
    expect(JSON.stringify(created)).toContain('`whsec_ab+/cd==`');
  });
});
