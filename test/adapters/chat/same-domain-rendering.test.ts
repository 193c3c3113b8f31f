import { describe, expect, it } from 'vitest';
import { renderReview } from '../../../adapters/chat/slack/render/review-message.js';
import { reviewCard } from '../../../adapters/chat/teams/review-card.js';
import { renderView } from '../../../adapters/chat/terminal/render-view.js';
import { mrkdwnTexts } from '../../fakes/slack-api.js';
import { reviewView, sameDomainRow } from '../../fixtures/sample-views.js';

/** Issue 11: the same-domain flag and its reason reach the admin on every surface. */
describe('a same-domain candidate on every surface', () => {
  const view = reviewView([sameDomainRow]);

  it('Slack shows the candidate and its reason', () => {
    const texts = mrkdwnTexts(renderReview(view).blocks).join('\n');
    expect(texts).toMatch(/:warning: same domain acme\S*com as \S*Acme Widgets/);
  });

  it('Teams shows the candidate and its reason', () => {
    // Teams markdown escapes the dot; JSON escapes the quotes.
    const card = JSON.stringify(reviewCard(view));
    expect(card).toMatch(/Possible duplicate: same domain acme\S*com as \S*Acme Widgets/);
  });

  it('the terminal shows the candidate and its reason, with nothing pre-selected', () => {
    const text = renderView(view);
    expect(text).toContain('candidate 1: Acme Widgets (same domain acme.com as "Acme Widgets")');
    expect(text).not.toContain('→ Map to Acme Widgets');
  });
});
