import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { zipSync } from 'fflate';

/**
 * `npm run package:teams`: the zip an admin uploads to Teams. Fills the placeholders of
 * manifests/teams/manifest.json from the environment (TEAMS_APP_ID, TEAMS_BOT_DOMAIN) and the
 * version from package.json, validates the result against the manifest schema of the version it
 * declares (from @microsoft/app-manifest), checks the icon sizes, and zips exactly
 * manifest.json, color.png and outline.png.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

export interface PackageInput {
  /** The bot's Microsoft App ID (Entra application id). */
  readonly appId: string;
  /** The public host name the bot is reached at, e.g. `psa-bot.example.com`. */
  readonly botDomain: string;
  readonly version: string;
  readonly manifestDir: string;
}

export interface TeamsPackage {
  readonly manifest: Record<string, unknown>;
  readonly zip: Uint8Array;
}

export class PackageError extends Error {}

function schemaPath(manifestVersion: string): string {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(root, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/** Schema problems of a manifest against the schema of the version it declares; empty if valid. */
export function manifestProblems(manifest: Record<string, unknown>): string[] {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version))
    return ['manifestVersion is missing or malformed'];
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(schemaPath(version), 'utf8')) as Record<string, unknown>;
  } catch {
    return [`no schema for manifest version ${version} in @microsoft/app-manifest`];
  }
  const Ajv04 = ajvDraft04.default;
  const ajv = new Ajv04({ allErrors: true, strictTypes: false });
  ajvFormats.default(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

/** Width and height from a PNG's IHDR chunk, or null when it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !signature.every((byte, i) => bytes[i] === byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function buildTeamsPackage(input: PackageInput): TeamsPackage {
  if (!GUID.test(input.appId))
    throw new PackageError('TEAMS_APP_ID must be the bot’s application (client) id, a GUID');
  if (!HOSTNAME.test(input.botDomain)) {
    throw new PackageError('TEAMS_BOT_DOMAIN must be the bot’s public host name, e.g. psa-bot.example.com');
  }
  const template = readFileSync(join(input.manifestDir, 'manifest.json'), 'utf8');
  const filled = template
    .replaceAll('{{TEAMS_APP_ID}}', input.appId.toLowerCase())
    .replaceAll('{{TEAMS_BOT_DOMAIN}}', input.botDomain.toLowerCase())
    .replaceAll('{{APP_VERSION}}', input.version);
  const left = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (left !== null) throw new PackageError(`manifest.json has a placeholder nobody fills: ${left[0]}`);
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  const problems = manifestProblems(manifest);
  if (problems.length > 0) throw new PackageError(`manifest.json is not valid:\n  ${problems.join('\n  ')}`);

  const files: Record<string, Uint8Array> = {
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
  };
  for (const [name, size] of Object.entries(ICONS)) {
    const bytes = new Uint8Array(readFileSync(join(input.manifestDir, name)));
    const found = pngSize(bytes);
    if (found === null || found.width !== size || found.height !== size) {
      throw new PackageError(`${name} must be a ${size}×${size} PNG`);
    }
    files[name] = bytes;
  }
  return { manifest, zip: zipSync(files, { level: 9 }) };
}

function main(): number {
  const root = process.cwd();
  const out = resolve(root, process.argv[2] ?? join('dist', 'teams-app.zip'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  try {
    const built = buildTeamsPackage({
      appId: process.env.TEAMS_APP_ID?.trim() ?? '',
      botDomain: process.env.TEAMS_BOT_DOMAIN?.trim() ?? '',
      version,
      manifestDir: join(root, 'manifests', 'teams'),
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, built.zip);
    console.log(`Wrote ${out} (manifest ${String(built.manifest.manifestVersion)}, app version ${version}).`);
    console.log('Upload it in Teams: Apps > Manage your apps > Upload an app (or the Teams admin center).');
    return 0;
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    return 1;
  }
}

if (process.argv[1]?.endsWith('package-teams.js')) process.exitCode = main();
