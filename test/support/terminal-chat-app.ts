import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../adapters/boot/cli/main.js';
import type { SandboxTuning } from '../../adapters/boot/sandbox-psas.js';
import { ChatDriver } from './terminal-driver.js';

export interface TerminalChatApp {
  /** The app's working folder, holding its SQLite file `psa-import.db`. */
  readonly dir: string;
  readonly chat: ChatDriver;
  /** The app's exit code once the chat ends. */
  readonly exit: Promise<number>;
  /** Ends the chat (also one a failed step left open), waits for the app, removes the folder. */
  stop(): Promise<void>;
}

/**
 * The real CLI (`npm start`) on a fresh folder, typed into through a ChatDriver; resolves once the
 * sandbox banner is shown, so the sandboxes' addresses and credentials can be read from it.
 */
export async function startTerminalChat(options: {
  readonly prefix: string;
  readonly sandboxTuning: SandboxTuning;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<TerminalChatApp> {
  const dir = await mkdtemp(join(tmpdir(), options.prefix));
  const chat = new ChatDriver();
  const exit = main([], {
    stdin: chat.stdin,
    stdout: chat.stdout,
    stderr: chat.stdout,
    env: { DATABASE_URL: join(dir, 'psa-import.db'), ...options.env },
    cwd: dir,
    signal: new AbortController().signal,
    sandboxTuning: options.sandboxTuning,
  });
  await chat.waitFor('Integration code');
  return {
    dir,
    chat,
    exit,
    async stop() {
      chat.stdin.end();
      await exit.catch(() => 1);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A value the start-up banner shows after its label ("Site", "Client ID", "Integration code"),
 * optionally within the block that starts at `section` (HaloPSA has a "Client ID" too).
 */
export function bannerValue(chat: ChatDriver, label: string, section?: string): string {
  const text = section === undefined ? chat.text : chat.text.slice(chat.text.indexOf(section));
  const value = new RegExp(`${label} +(\\S+)`).exec(text)?.[1];
  if (value === undefined) throw new Error(`the banner shows no ${section ?? ''} ${label}`);
  return value;
}

/** `/psa connect connectwise` answered with the sandbox's values from the banner; the chat's answer. */
export function connectConnectWiseSandbox(chat: ChatDriver, privateKey: string): Promise<string> {
  return chat.send('/psa connect connectwise', [
    bannerValue(chat, 'Site'),
    'sandboxmsp',
    'SandboxPublicKey01',
    privateKey,
    bannerValue(chat, 'Client ID'),
    '',
  ]);
}
