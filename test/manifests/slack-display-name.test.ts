import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe.each(['manifest.yaml', 'manifest.socket-mode.yaml'])('Slack manifest %s', (name) => {
  it('has a bot display_name in the characters Slack accepts (a-z 0-9 - _ .)', () => {
    const text = readFileSync(new URL(`../../manifests/slack/${name}`, import.meta.url), 'utf8');
    const found = [...text.matchAll(/^\s*display_name:\s*(.*)$/gm)].map((match) => match[1]?.trim());
    expect(found).toEqual(['psa-import']);
    expect(found[0]).toMatch(/^[a-z0-9._-]{1,80}$/);
  });
});
