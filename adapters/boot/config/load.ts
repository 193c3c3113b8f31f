import { type CoreConfig, parseCoreConfig } from './core.js';
import { type DigestConfig, parseDigestConfig } from './digest.js';
import { type DirectoryApiConfig, parseDirectoryApiConfig } from './directory-api.js';
import type { ConfigIssue, Env, SectionResult } from './section.js';
import { parseSlackConfig, type SlackConfig } from './slack.js';
import { parseTeamsConfig, type TeamsConfig } from './teams.js';

export interface AppConfig {
  readonly core: CoreConfig;
  /** Null when Slack is not configured. */
  readonly slack: SlackConfig | null;
  /** Null when Teams is not configured. */
  readonly teams: TeamsConfig | null;
  /** The read API and webhooks (issue 13). */
  readonly directoryApi: DirectoryApiConfig;
  /** The change digest (issue 14). */
  readonly digest: DigestConfig;
}

/** Every bad variable at once, by name; never a value. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const names = [...new Set(issues.map((issue) => issue.variable))];
    const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.problem}`);
    super(`Invalid configuration (${names.join(', ')}):\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

function collect<T>(result: SectionResult<T>, issues: ConfigIssue[]): T | undefined {
  if (result.ok) return result.value;
  issues.push(...result.issues);
  return undefined;
}

/** Reads and validates the whole configuration once, at start. Throws ConfigError. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const issues: ConfigIssue[] = [];
  const core = collect(parseCoreConfig(env, cwd), issues);
  const slack = collect(parseSlackConfig(env), issues);
  const teams = collect(parseTeamsConfig(env), issues);
  const directoryApi = collect(parseDirectoryApiConfig(env), issues);
  const digest = collect(parseDigestConfig(env), issues);
  if (
    core === undefined ||
    slack === undefined ||
    teams === undefined ||
    directoryApi === undefined ||
    digest === undefined
  )
    throw new ConfigError(issues);
  return { core, slack, teams, directoryApi, digest };
}

/** Slack or Teams is configured: `start` serves HTTP instead of opening the terminal chat. */
export function hasChatCredentials(config: AppConfig): boolean {
  return config.slack !== null || config.teams !== null;
}

/** Whether the sandbox PSAs replace the real ones (see SANDBOX_PSA in the README). */
export function usesSandboxPsa(config: AppConfig): boolean {
  if (config.core.sandboxPsa === 'auto') return !hasChatCredentials(config);
  return config.core.sandboxPsa === 'on';
}
