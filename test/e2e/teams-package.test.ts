import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, manifestProblems, PackageError, pngSize } from '../../scripts/package-teams.js';

const manifestDir = join(process.cwd(), 'manifests', 'teams');
const input = {
  appId: '11111111-2222-4333-8444-555555555555',
  botDomain: 'psa-bot.example.com',
  version: '0.1.0',
  manifestDir,
};

/** RGBA pixels of an unfiltered 8-bit RGBA PNG such as ours. */
function pixels(png: Uint8Array): number[][] {
  const buffer = Buffer.from(png);
  const size = pngSize(png)?.width ?? 0;
  let offset = 8;
  const idat: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const result: number[][] = [];
  for (let y = 0; y < size; y++) {
    expect(raw[y * (size * 4 + 1)]).toBe(0);
    for (let x = 0; x < size; x++) {
      const at = y * (size * 4 + 1) + 1 + x * 4;
      result.push([raw[at] ?? 0, raw[at + 1] ?? 0, raw[at + 2] ?? 0, raw[at + 3] ?? 0]);
    }
  }
  return result;
}

describe('the Teams app package', () => {
  const built = buildTeamsPackage(input);
  const files = unzipSync(built.zip);

  it('contains exactly the manifest and the two icons', () => {
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('has a manifest that validates against the schema of the version it declares', () => {
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
    expect(manifest.manifestVersion).toBe('1.24');
    expect(String(manifest.$schema)).toContain(`/v${String(manifest.manifestVersion)}/`);
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest.id).toBe(input.appId);
    expect(manifest.validDomains).toEqual([input.botDomain]);
  });

  it('declares the bot in team, group chat and personal scopes and the "Import from PSA" action', () => {
    const manifest = built.manifest as {
      bots: { botId: string; scopes: string[] }[];
      composeExtensions: {
        botId: string;
        commands: { type: string; title: string; fetchTask: boolean; context: string[] }[];
      }[];
    };
    expect(manifest.bots[0]?.botId).toBe(input.appId);
    expect(manifest.bots[0]?.scopes).toEqual(expect.arrayContaining(['team', 'groupChat', 'personal']));
    expect(manifest.composeExtensions[0]?.botId).toBe(input.appId);
    expect(manifest.composeExtensions[0]?.commands[0]).toMatchObject({
      type: 'action',
      title: 'Import from PSA',
      fetchTask: true,
    });
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    expect(pngSize(files['color.png'] ?? new Uint8Array())).toEqual({ width: 192, height: 192 });
    expect(pngSize(files['outline.png'] ?? new Uint8Array())).toEqual({ width: 32, height: 32 });
    const outline = pixels(files['outline.png'] ?? new Uint8Array());
    expect(outline.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
    expect(outline.some(([, , , a]) => a === 0)).toBe(true);
    expect(outline.some(([, , , a]) => a === 255)).toBe(true);
    expect(pixels(files['color.png'] ?? new Uint8Array()).every(([, , , a]) => a === 255)).toBe(true);
  });

  it('refuses a bad app id or domain, and a manifest the schema rejects', () => {
    expect(() => buildTeamsPackage({ ...input, appId: '{{TEAMS_APP_ID}}' })).toThrow(PackageError);
    expect(() => buildTeamsPackage({ ...input, botDomain: 'https://x.example.com/' })).toThrow(PackageError);
    const manifest = JSON.parse(readFileSync(join(manifestDir, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifestProblems({ ...built.manifest, icons: undefined })).not.toEqual([]);
    // The template itself is not uploadable: its placeholders are not a GUID.
    expect(manifestProblems(manifest)).not.toEqual([]);
  });
});
