import { describe, expect, it } from 'vitest';
import { renderUsersModal } from '../../../adapters/chat/slack/render/users-modal.js';
import { usersCard } from '../../../adapters/chat/teams/users-card.js';
import { renderView } from '../../../adapters/chat/terminal/render-view.js';
import type { UsersView } from '../../../src/app/views.js';
import { contactRow, usersView } from '../../fixtures/sample-views.js';

/**
 * Issue 11, users step: the note that a contact's email domain belongs to another managed company
 * reaches the admin on every surface, beside the row's decision, which it leaves alone.
 */
const NOTE = 'email domain globex.com belongs to Globex';

function view(): UsersView {
  const base = usersView({ psaCompanyId: 7, name: 'Acme' });
  return {
    ...base,
    contacts: [
      contactRow(1, { email: 'bob@globex.com', domainNote: NOTE }),
      contactRow(2, { email: 'carol@acme.com', domainNote: null }),
    ],
  };
}

describe('the other-company domain note on every surface', () => {
  it('Slack shows the note in the contact row, with its decision', () => {
    const text = JSON.stringify(renderUsersModal(view(), { channel: 'C1', ts: '1.1' }).blocks);
    // Slack text breaks the domain with a word joiner so it does not become a link.
    expect(text).toMatch(/:information_source: Note: email domain globex\S*com belongs to Globex/);
    expect(text.match(/belongs to/g)).toHaveLength(1);
    expect(text).toContain('→ grant access (new user, 1 licence)');
  });

  it('Teams shows the note in the contact row', () => {
    // Teams markdown escapes the colon and the dot.
    const card = JSON.stringify(usersCard(view()));
    expect(card).toMatch(/Note\S*: email domain globex\S*com belongs to Globex/);
    expect(card.match(/belongs to/g)).toHaveLength(1);
  });

  it('the terminal shows the note under the contact, before its decision', () => {
    const text = renderView(view());
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.includes('Contact 1'));
    expect(lines[at + 1]).toBe(`          ℹ Note: ${NOTE}`);
    expect(lines[at + 2]).toContain('→ Grant access (new user)');
    expect(text.match(/belongs to/g)).toHaveLength(1);
  });
});
