import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../../adapters/chat/shared/error-messages.js';
import { ERROR_CODES } from '../../../../src/domain/errors.js';

describe('error words for operations problems', () => {
  it('says the database is unavailable, not that something went wrong', () => {
    expect(messageFor('database_unavailable').text).toBe('The database is unavailable');
  });

  it('says credentials no longer decrypt, and what to do, instead of asking for credentials', () => {
    const message = messageFor('credentials_unreadable');
    expect(message.text).toBe("The stored credentials can't be decrypted with the current ENCRYPTION_KEY");
    expect(message.nextStep).toMatch(/Restore the key .* or run `\/psa connect <provider>` again/);
    expect(message.text).not.toBe(messageFor('credentials_required').text);
  });

  it('words every code', () => {
    for (const code of ERROR_CODES) expect(messageFor(code).text).not.toBe('');
  });
});
