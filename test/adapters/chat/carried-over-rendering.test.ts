import { describe, expect, it } from 'vitest';
import { carriedOverText, keptAsideText } from '../../../adapters/chat/shared/carried-over-text.js';
import { renderReview } from '../../../adapters/chat/slack/render/review-message.js';
import { renderUsersOverview } from '../../../adapters/chat/slack/render/users-message.js';
import { reviewCard } from '../../../adapters/chat/teams/review-card.js';
import { usersCard } from '../../../adapters/chat/teams/users-card.js';
import { renderView } from '../../../adapters/chat/terminal/render-view.js';
import type { UsersView } from '../../../src/app/views.js';
import { reviewView, usersView } from '../../fixtures/sample-views.js';

/** After going back to the companies, every surface says what became of the user decisions. */
const view = (kept: number, dropped: number): UsersView => ({
  ...usersView(null),
  carriedOver: { kept, dropped },
});

describe('earlier user choices after going back, on every surface', () => {
  it('words the counts, singular and plural', () => {
    expect(carriedOverText({ kept: 100, dropped: 0 })).toBe('Your earlier user choices: 100 kept');
    expect(carriedOverText({ kept: 98, dropped: 2 })).toMatch(
      /^Your earlier user choices: 98 kept, 2 no longer apply \(contacts now left out, .+\)$/,
    );
    expect(carriedOverText({ kept: 0, dropped: 1 })).toMatch(/: 0 kept, 1 no longer applies \(/);
  });

  it('Slack, Teams and the terminal show it in the users overview, and only when there is one', () => {
    const line = 'Your earlier user choices: 98 kept, 2 no longer apply';
    expect(JSON.stringify(renderUsersOverview(view(98, 2)).blocks)).toContain(line);
    expect(JSON.stringify(usersCard(view(98, 2)))).toContain(line);
    expect(renderView(view(98, 2))).toContain(line);
    const none = usersView(null);
    expect(JSON.stringify(renderUsersOverview(none).blocks)).not.toContain('earlier user choices');
    expect(JSON.stringify(usersCard(none))).not.toContain('earlier user choices');
    expect(renderView(none)).not.toContain('earlier user choices');
  });

  it('going back to the companies says the user choices are kept, on every surface', () => {
    expect(keptAsideText(1)).toBe('Your 1 user choice is kept for when you continue to users');
    const line = 'Your 94 user choices are kept for when you continue to users';
    const back = { ...reviewView([]), userDecisionsKept: 94 };
    expect(JSON.stringify(renderReview(back).blocks)).toContain(line);
    expect(JSON.stringify(reviewCard(back))).toContain(line);
    expect(renderView(back)).toContain(line);
    const plain = reviewView([]);
    expect(JSON.stringify(renderReview(plain).blocks)).not.toContain('user choice');
    expect(JSON.stringify(reviewCard(plain))).not.toContain('user choice');
    expect(renderView(plain)).not.toContain('user choice');
  });
});
