import { describe, expect, it } from 'vitest';
import { isSlackResponseUrl } from '../../../../adapters/chat/slack/slack-api.js';

const SLACK_API = 'https://slack.com/api/';

describe('isSlackResponseUrl', () => {
  it.each(['https://hooks.slack.com/commands/T1/1/abc', 'https://hooks.slack-gov.com/actions/T1/2/def'])(
    'accepts %s',
    (url) => {
      expect(isSlackResponseUrl(url, SLACK_API)).toBe(true);
    },
  );

  it.each([
    'http://hooks.slack.com/commands/T1/1/abc',
    'https://hooks.slack.com.evil.test/commands/T1',
    'https://evil.test/hooks.slack.com',
    'https://169.254.169.254/latest/meta-data',
    'http://127.0.0.1:8080/response/1',
    'not a url',
  ])('refuses %s with the real Slack API', (url) => {
    expect(isSlackResponseUrl(url, SLACK_API)).toBe(false);
  });

  it('accepts loopback only when the Slack API itself is on loopback (tests)', () => {
    expect(isSlackResponseUrl('http://127.0.0.1:8080/response/1', 'http://127.0.0.1:8080/api/')).toBe(true);
    expect(isSlackResponseUrl('https://evil.test/response/1', 'http://127.0.0.1:8080/api/')).toBe(false);
  });
});
