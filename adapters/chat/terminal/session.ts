import type { ImportBot } from '../../../src/app/bot-api.js';
import type { Intent, Paging } from '../../../src/app/intents.js';
import type { View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import type { ErrorCode } from '../../../src/domain/errors.js';
import { isProvider, type Provider } from '../../../src/domain/provider.js';
import { Secret } from '../../../src/domain/secret.js';
import type { Logger } from '../../../src/ports/logger.js';
import { ListMemory } from './list-memory.js';
import { type PsaCommand, parseLine, type RunCommand } from './parser.js';
import { renderView } from './render-view.js';
import { runCommand } from './run-commands.js';
import { errorView, hint, type Step, type TerminalIo } from './session-types.js';

export type { TerminalIo } from './session-types.js';

export interface TerminalSessionOptions {
  readonly bot: ImportBot;
  readonly io: TerminalIo;
  readonly logger: Logger;
  /** The terminal's workspace id (`local`): the tenant `terminal:local`. */
  readonly workspaceId: string;
  readonly actor: { readonly userId: string; readonly displayName: string };
  /** `/as` is a sandbox convenience; against a real database one operator is one admin. */
  readonly allowSwitchActor: boolean;
  readonly pageSize?: number;
}

export interface SessionOutput {
  readonly text: string;
  readonly quit: boolean;
}

/** Errors that mean the remembered run is over. */
const FINISHED_RUN_CODES: readonly ErrorCode[] = [
  'run_finished',
  'approval_expired',
  'lock_lost',
  'run_not_found',
];

/**
 * One terminal conversation: turns typed lines into intents for the core and views into text. It
 * never decides who may do what; it only remembers which numbers stand for which rows.
 */
export class TerminalSession {
  readonly #options: TerminalSessionOptions;
  /** Row numbers and the open run are remembered per acting admin, so `/as` does not mix them. */
  readonly #memories = new Map<string, ListMemory>();
  #memory = new ListMemory();
  readonly #pageSize: number;
  #actor: Actor;

  constructor(options: TerminalSessionOptions) {
    this.#options = options;
    this.#pageSize = options.pageSize ?? 20;
    this.#actor = { platform: 'terminal', workspaceId: options.workspaceId, ...options.actor };
  }

  get actorName(): string {
    return this.#actor.userId;
  }

  async execute(line: string): Promise<SessionOutput> {
    const command = parseLine(line);
    try {
      const step = await this.#dispatch(command);
      if (step === 'quit') return { text: '', quit: true };
      if ('text' in step) return { text: step.text, quit: false };
      this.#remember(step.view);
      const text = step.confirm ?? renderView(step.view);
      return { text, quit: false };
    } catch (error) {
      // The core returns error views; anything thrown is a bug we log and word generically.
      this.#options.logger.error({ err: error }, 'terminal command failed');
      return { text: renderView(errorView('internal')), quit: false };
    }
  }

  async #dispatch(command: ReturnType<typeof parseLine>): Promise<Step | 'quit'> {
    switch (command.kind) {
      case 'empty':
        return { text: '' };
      case 'quit':
        return 'quit';
      case 'invalid':
        return { view: hint(command.hint) };
      case 'as':
        return this.#switchActor(command.userId);
      case 'psa':
        return this.#psa(command.command);
      case 'run':
        return this.#run(command.command);
    }
  }

  #handle(intent: Intent): Promise<View> {
    return this.#options.bot.handle(this.#actor, intent, {
      onProgress: (progress) => this.#options.io.progress(progress),
    });
  }

  #paging(page: number): Paging {
    return { page, pageSize: this.#pageSize };
  }

  #remember(view: View): void {
    if (view.kind === 'review') this.#memory.rememberReview(view);
    else if (view.kind === 'users') this.#memory.rememberUsers(view);
    else if (view.kind === 'result' || (view.kind === 'approval' && view.state !== 'pending')) {
      this.#memory.forgetRun();
    } else if (view.kind === 'approval') this.#memory.startRun(view.run.runId);
    else if (view.kind === 'error' && FINISHED_RUN_CODES.includes(view.code)) this.#memory.forgetRun();
    else if (view.kind === 'progress') this.#memory.startRun(view.runId);
    else if (view.kind === 'companies') this.#memory.listedCompanies = view.companies;
    else if (view.kind === 'company-options') this.#memory.listedCompanies = view.options;
  }

  async #switchActor(userId: string): Promise<Step> {
    if (!this.#options.allowSwitchActor) {
      return { view: hint('`/as` only works in the sandbox; start the shell with `--as <admin>` instead') };
    }
    this.#memories.set(this.#actor.userId, this.#memory);
    this.#memory = this.#memories.get(userId) ?? new ListMemory();
    this.#actor = { ...this.#actor, userId, displayName: userId };
    const admins = await this.#handle({ kind: 'admins-list' });
    const known =
      admins.kind === 'admins'
        ? admins.admins.find((a) => a.platform === 'terminal' && a.userId === userId)
        : undefined;
    if (known !== undefined) this.#actor = { ...this.#actor, displayName: known.displayName };
    return {
      text: `Now acting as ${known?.displayName ?? userId}${known === undefined ? ' (not an admin)' : ''}`,
    };
  }

  async #psa(command: PsaCommand): Promise<Step> {
    switch (command.kind) {
      case 'connect':
        return isProvider(command.provider)
          ? this.#connect(command.provider)
          : { view: errorView('unknown_provider') };
      case 'import': {
        if (!isProvider(command.provider)) return { view: errorView('unknown_provider') };
        const filterText = command.filterText;
        return {
          view: await this.#handle({
            kind: 'import',
            provider: command.provider,
            filterText,
            pageSize: this.#pageSize,
          }),
        };
      }
      case 'cancel': {
        const view = await this.#handle({ kind: 'cancel', runId: this.#memory.runId });
        if (view.kind === 'notice') this.#memory.forgetRun();
        return { view };
      }
      default:
        return { view: await this.#handle(command) };
    }
  }

  async #connect(provider: Provider): Promise<Step> {
    const form = await this.#handle({ kind: 'connect-form', provider });
    if (form.kind !== 'credentials-form') return { view: form };
    const values: Record<string, string> = {};
    for (const field of form.fields) {
      const value = await this.#options.io.askField(field);
      if (value === null) return { text: 'Connect cancelled: no input.' };
      if (value.trim() !== '') values[field.key] = value.trim();
    }
    return { view: await this.#handle({ kind: 'connect', provider, credentials: new Secret(values) }) };
  }

  async #runId(): Promise<string | null> {
    if (this.#memory.runId !== null) return this.#memory.runId;
    // Without a remembered run: the admin's own open import, else one waiting for approval.
    const status = await this.#handle({ kind: 'status' });
    const runs = status.kind === 'status' ? status.open : [];
    const open =
      runs.find((run) => run.requesterName === this.#actor.displayName) ??
      runs.find((run) => run.status === 'pending-approval') ??
      runs[0];
    if (open !== undefined) this.#memory.startRun(open.runId);
    return open?.runId ?? null;
  }

  async #run(command: RunCommand): Promise<Step> {
    const runId = await this.#runId();
    if (runId === null) return { view: hint('no import is open; start one with `/psa import connectwise`') };
    return runCommand(
      {
        handle: (intent) => this.#handle(intent),
        paging: (page) => this.#paging(page),
        memory: this.#memory,
        io: this.#options.io,
      },
      runId,
      command,
    );
  }
}
