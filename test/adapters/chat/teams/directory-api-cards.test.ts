import { describe, expect, it } from 'vitest';
import { CARD_BUDGET_BYTES, cardBytes } from '../../../../adapters/chat/teams/card-kit.js';
import { revealsSecret } from '../../../../adapters/chat/teams/directory-api-cards.js';
import { cardForView } from '../../../../adapters/chat/teams/view-card.js';
import { longLists } from '../../../fixtures/sample-views.js';
import { assertValidAdaptiveCard } from '../../../support/adaptive-card-schema.js';

describe('Teams cards of tokens and webhooks', () => {
  it('stay valid and under the size limit for the longest lists', () => {
    const long = longLists.filter((view) => view.kind === 'api-tokens' || view.kind === 'webhooks');
    expect(long).toHaveLength(2);
    for (const view of long) {
      const card = cardForView(view);
      assertValidAdaptiveCard(card, view.kind);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      expect(JSON.stringify(card)).toMatch(/and (20|30) more\./);
    }
  });

  it('keeps only the answers that carry a secret to personal chats', () => {
    expect(revealsSecret({ kind: 'tokens-create', name: 'ci' })).toBe(true);
    expect(revealsSecret({ kind: 'webhooks-add', url: 'https://h.example', events: [] })).toBe(true);
    expect(revealsSecret({ kind: 'webhooks-rotate', endpointId: 'e' })).toBe(true);
    for (const kind of ['tokens-list', 'webhooks-list'] as const) expect(revealsSecret({ kind })).toBe(false);
    expect(revealsSecret({ kind: 'tokens-revoke', token: 't' })).toBe(false);
    expect(revealsSecret({ kind: 'webhooks-ping', endpointId: 'e' })).toBe(false);
  });
});
