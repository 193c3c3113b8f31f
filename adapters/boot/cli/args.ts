import type { WorkspaceRef } from '../../../src/app/bot-api.js';
import type { ChatPlatform } from '../../../src/domain/chat-identity.js';

/** A mistake in how the command was typed; the message is ours and never repeats an argument. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export type CredentialSource = { readonly kind: 'stdin' } | { readonly kind: 'file'; readonly path: string };

export type CliCommand =
  | { readonly kind: 'start' }
  | { readonly kind: 'shell'; readonly actAs: string | null }
  | { readonly kind: 'migrate' }
  | {
      readonly kind: 'diff';
      readonly provider: string;
      readonly filterText: string;
      readonly format: 'json' | 'csv';
      readonly workspace: WorkspaceRef;
    }
  | {
      readonly kind: 'connect';
      readonly provider: string;
      readonly source: CredentialSource;
      readonly workspace: WorkspaceRef;
    }
  | { readonly kind: 'companies-import'; readonly file: string; readonly workspace: WorkspaceRef }
  | { readonly kind: 'help' };

export const DEFAULT_WORKSPACE: WorkspaceRef = { platform: 'terminal', workspaceId: 'local' };

const SECRET_IN_ARGV =
  'Credentials are never read from command-line arguments (shell history and process lists keep them). ' +
  'Pipe them in with `psa-import connect <provider> --stdin`, or use `--file <path>`.';

/** Anything that looks like a credential: key=value pairs, JSON, or a secret-named flag. */
function looksLikeSecret(arg: string): boolean {
  if (arg.startsWith('{')) return true;
  if (
    /^--?(private|secret|password|passwd|token|api-?key|integration-?code|public-?key|credentials?)\b/i.test(
      arg,
    )
  )
    return true;
  return /^[\w.-]*(key|secret|password|passwd|token|code|credential)[\w.-]*\s*[=:]/i.test(arg);
}

const PLATFORMS: readonly ChatPlatform[] = ['terminal', 'slack', 'teams'];

function parseWorkspace(value: string | undefined): WorkspaceRef {
  const [platform = '', ...rest] = (value ?? '').split(':');
  const workspaceId = rest.join(':');
  if (!PLATFORMS.includes(platform as ChatPlatform) || workspaceId === '') {
    throw new CliUsageError('--workspace takes platform:workspaceId, e.g. terminal:local or slack:T0123');
  }
  return { platform: platform as ChatPlatform, workspaceId };
}

interface Split {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--flag`; `flags` lists the options that take no value. */
function split(args: readonly string[], valued: readonly string[], flags: readonly string[]): Split {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name) && inline === undefined) options.set(name, true);
    else if (valued.includes(name)) {
      const value = inline ?? args[i + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        throw new CliUsageError(`--${name} needs a value`);
      if (inline === undefined) i += 1;
      options.set(name, value);
    } else {
      // Not repeated back: an unknown option may be a mistyped secret.
      throw new CliUsageError(`unknown option at position ${i + 1}; see \`psa-import help\``);
    }
  }
  return { positional, options };
}

function workspaceOf(options: Map<string, string | true>): WorkspaceRef {
  const value = options.get('workspace');
  return value === undefined ? DEFAULT_WORKSPACE : parseWorkspace(value === true ? undefined : value);
}

export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.some(looksLikeSecret)) throw new CliUsageError(SECRET_IN_ARGV);
  const [command = 'start', ...rest] = argv;
  switch (command) {
    case 'start':
    case 'migrate':
    case 'help':
      if (rest.length > 0) throw new CliUsageError(`\`psa-import ${command}\` takes no arguments`);
      return { kind: command };
    case '--help':
    case '-h':
      return { kind: 'help' };
    case 'shell': {
      const { positional, options } = split(rest, ['as'], []);
      if (positional.length > 0) throw new CliUsageError('`psa-import shell` takes only --as <admin>');
      const actAs = options.get('as');
      return { kind: 'shell', actAs: typeof actAs === 'string' ? actAs : null };
    }
    case 'diff': {
      const { positional, options } = split(rest, ['format', 'workspace'], []);
      const [provider, ...filters] = positional;
      if (provider === undefined)
        throw new CliUsageError('usage: psa-import diff <provider> [filters] --format json|csv');
      const format = options.get('format') ?? 'json';
      if (format !== 'json' && format !== 'csv') throw new CliUsageError('--format is json or csv');
      return {
        kind: 'diff',
        provider,
        filterText: filters.join(' '),
        format,
        workspace: workspaceOf(options),
      };
    }
    case 'connect': {
      const { positional, options } = split(rest, ['file', 'workspace'], ['stdin']);
      const [provider, ...extra] = positional;
      if (extra.length > 0) throw new CliUsageError(SECRET_IN_ARGV);
      if (provider === undefined)
        throw new CliUsageError('usage: psa-import connect <provider> --stdin | --file <path>');
      const file = options.get('file');
      const stdin = options.get('stdin') === true;
      if (stdin === (typeof file === 'string'))
        throw new CliUsageError('give exactly one of --stdin or --file <path>');
      const source: CredentialSource =
        typeof file === 'string' ? { kind: 'file', path: file } : { kind: 'stdin' };
      return { kind: 'connect', provider, source, workspace: workspaceOf(options) };
    }
    case 'companies': {
      const { positional, options } = split(rest, ['workspace'], []);
      const [sub, file, ...extra] = positional;
      if (sub !== 'import' || file === undefined || extra.length > 0) {
        throw new CliUsageError('usage: psa-import companies import <file.csv> [--workspace platform:id]');
      }
      return { kind: 'companies-import', file, workspace: workspaceOf(options) };
    }
    default:
      throw new CliUsageError('unknown command; see `psa-import help`');
  }
}

export const USAGE = `psa-import: import companies and contacts from a PSA into the managed-company directory

Usage:
  psa-import [start]            Serve Slack/Teams when configured; otherwise open the terminal chat
                                on the sandbox PSAs with a demo tenant (admins alice and bob)
  psa-import shell [--as <admin>]
                                The terminal chat against the configured database
  psa-import migrate            Run pending database migrations and list them
  psa-import diff <provider> [filters] [--format json|csv] [--workspace platform:id]
                                Read-only classification of a fresh fetch (no lock, no writes)
  psa-import connect <provider> --stdin | --file <path> [--workspace platform:id]
                                Store credentials given as JSON or key=value lines (never as arguments)
  psa-import companies import <file.csv> [--workspace platform:id]
                                Add managed companies from a CSV with a "name" column
  psa-import help               This text

The workspace defaults to terminal:local. Configuration comes from the environment (see README).`;
