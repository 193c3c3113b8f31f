import type { ImportBot } from '../../../src/app/bot-api.js';
import type { Intent, Paging } from '../../../src/app/intents.js';
import type { View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import type { ErrorCode } from '../../../src/domain/errors.js';
import type { Provider } from '../../../src/domain/provider.js';
import { Secret } from '../../../src/domain/secret.js';
import type { Logger } from '../../../src/ports/logger.js';
import { type ChatCommand, refuseSecret } from '../shared/command-grammar.js';
import { cancelRun, runFor } from '../shared/run-ref.js';
import { ListMemory } from './list-memory.js';
import { parseLine, type RunCommand } from './parser.js';
import { renderView } from './render-view.js';
import { approveTyped, rejectTyped } from './run-approval.js';
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
  /** The window now (it may be resized), when output goes to one: a review folds to fit it. */
  readonly screen?: () => { readonly rows: number; readonly columns: number } | null;
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
      const screen = this.#options.screen?.() ?? null;
      // One line stays for the prompt.
      const fit = screen === null ? {} : { maxLines: screen.rows - 1, width: screen.columns };
      const text = step.confirm ?? renderView(step.view, fit);
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
      case 'as':
        return this.#switchActor(command.userId);
      case 'chat':
        return this.#chat(command.command);
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
    if (view.kind === 'approval') this.#memory.approvalVersions.set(view.run.runId, view.run.version);
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

  async #chat(command: ChatCommand): Promise<Step> {
    const { bot, logger } = this.#options;
    switch (command.kind) {
      case 'secret-refused':
        return { view: refuseSecret(logger, this.#actor.userId) };
      case 'error':
        return { view: command };
      case 'connect':
        return this.#connect(command.provider);
      case 'import':
        return {
          view: await this.#handle({
            kind: 'import',
            provider: command.provider,
            filterText: command.filterText,
            pageSize: this.#pageSize,
          }),
        };
      case 'cancel': {
        const view = await cancelRun(bot, this.#actor, command.run ?? this.#memory.runId);
        if (view.kind === 'notice') this.#memory.forgetRun();
        return { view };
      }
      case 'export':
        return this.#export(command.run);
      case 'intent':
        return { view: await this.#handle(command.intent) };
    }
  }

  async #export(ref: string | null): Promise<Step> {
    const run = await runFor(this.#options.bot, this.#actor, ref ?? this.#memory.runId);
    if ('view' in run) return { view: run.view };
    const view = await this.#handle({ kind: 'export-review', runId: run.runId });
    if (view.kind !== 'export') return { view };
    const path = await this.#options.io.writeExport(view.filename, view.csv);
    return { text: `✓ Wrote the review of import ${view.runId} to ${path}` };
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
    const { bot } = this.#options;
    if (command.kind === 'approve')
      return { view: await approveTyped(bot, this.#actor, this.#memory, command.run) };
    if (command.kind === 'reject') {
      return { view: await rejectTyped(bot, this.#actor, this.#memory, command.run, command.reason) };
    }
    const runId = await this.#runId();
    if (runId === null) return { view: hint('no import is open; start one with `/psa import <psa>`') };
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
