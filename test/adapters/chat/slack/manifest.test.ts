import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../../adapters/chat/slack/http-receiver.js';

/**
 * The Slack app manifests must match what the adapter serves. No YAML parser is installed, and
 * the manifests are flat enough to read line by line: `key: value` and `- item`.
 */
function read(name: string): string[] {
  return readFileSync(new URL(`../../../../manifests/slack/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('#') && line.trim() !== '');
}

function values(lines: readonly string[], key: string): string[] {
  return lines
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${key}:`) || line.startsWith(`- ${key}:`))
    .map((line) => line.slice(line.indexOf(':') + 1).trim());
}

function botScopes(lines: readonly string[]): string[] {
  const start = lines.findIndex((line) => line.trim() === 'bot:');
  const scopes: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.trim().startsWith('- ')) break;
    scopes.push(line.trim().slice(2));
  }
  return scopes;
}

const MINIMUM_SCOPES = [
  'commands',
  'chat:write',
  'files:write',
  'channels:read',
  'groups:read',
  'im:read',
  'mpim:read',
];

describe('Slack app manifests', () => {
  it('HTTP: /psa, interactivity and options loads all at /slack/events, minimum scopes', () => {
    const lines = read('manifest.yaml');
    expect(values(lines, 'command')).toEqual(['/psa']);
    const urls = [
      ...values(lines, 'url'),
      ...values(lines, 'request_url'),
      ...values(lines, 'message_menu_options_url'),
    ];
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(values(lines, 'should_escape')).toEqual(['true']);
    expect(values(lines, 'socket_mode_enabled')).toEqual(['false']);
    expect(botScopes(lines).sort()).toEqual([...MINIMUM_SCOPES].sort());
  });

  it('Socket Mode: the same command and scopes, no public URL', () => {
    const lines = read('manifest.socket-mode.yaml');
    expect(values(lines, 'command')).toEqual(['/psa']);
    expect([...values(lines, 'url'), ...values(lines, 'request_url')]).toEqual([]);
    expect(values(lines, 'socket_mode_enabled')).toEqual(['true']);
    expect(values(lines, 'is_enabled')).toEqual(['true']);
    expect(botScopes(lines).sort()).toEqual([...MINIMUM_SCOPES].sort());
  });
});
