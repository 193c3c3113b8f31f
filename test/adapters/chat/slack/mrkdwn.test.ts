import { describe, expect, it } from 'vitest';
import {
  escapeMrkdwn,
  mentionOrName,
  mrkdwnText,
  plainText,
  truncateEscaped,
} from '../../../../adapters/chat/slack/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it('escapes only &, < and >', () => {
    expect(escapeMrkdwn('A&B <!channel> <http://x|y> *bold* _it_ "q"')).toBe(
      'A&amp;B &lt;!channel&gt; &lt;http://x|y&gt; *bold* _it_ "q"',
    );
  });

  it('escapes an existing entity again so it shows literally', () => {
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });
});

describe('truncateEscaped', () => {
  it('keeps short text', () => {
    expect(truncateEscaped('abc', 3)).toBe('abc');
  });

  it('never cuts an entity in half', () => {
    const escaped = escapeMrkdwn('abcd<efgh');
    for (let max = 2; max <= escaped.length; max++) {
      const cut = truncateEscaped(escaped, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?…$/);
      expect(cut.replaceAll('&lt;', '').replaceAll('&amp;', '').replaceAll('&gt;', '')).not.toContain('&');
    }
  });

  it('escapes before truncating', () => {
    const text = mrkdwnText('<'.repeat(100), 20);
    expect(text.length).toBeLessThanOrEqual(20);
    expect(text).toMatch(/^(&lt;)+…$/);
  });

  it('does not split a surrogate pair', () => {
    const cut = truncateEscaped('ab😀cd', 4);
    expect(cut).toBe('ab…');
  });
});

describe('plainText and mentions', () => {
  it('caps plain text', () => {
    expect(plainText('x'.repeat(100), 75)).toHaveLength(75);
  });

  it('mentions only real Slack user ids', () => {
    expect(mentionOrName('slack', 'U123ABC', 'alice')).toBe('<@U123ABC>');
    expect(mentionOrName('slack', '<!channel>', '<!channel>')).toBe('&lt;!channel&gt;');
    expect(mentionOrName('terminal', 'alice', 'Alice')).toBe('Alice');
  });
});
