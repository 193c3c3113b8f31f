import { describe, expect, it } from 'vitest';
import { renderView } from '../../../../adapters/chat/terminal/render-view.js';
import { endpointFailingNotice } from '../../../../src/app/use-cases/webhooks.js';

describe('the webhook failure digest in the terminal', () => {
  it('names the endpoint, the attempts and the status, with the address cleaned', () => {
    const text = renderView(
      endpointFailingNotice({
        endpointId: 'ep-1',
        url: 'https://hooks.example.com/\u001b[31mred',
        attempts: 3,
        status: null,
        gaveUp: false,
      }),
    );
    expect(text).toContain(
      'Webhook endpoint ep-1 keeps failing (3 attempts; the receiver could not be reached)',
    );
    expect(text).toContain('retried');
    expect(text).not.toContain('\u001b');
  });
});
