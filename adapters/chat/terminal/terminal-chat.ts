import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CredentialField } from '../../../src/ports/psa-gateway.js';
import type { DigestInbox } from './digest-inbox.js';
import { LineReader } from './line-reader.js';
import { progressPrinter } from './progress-line.js';
import { TerminalSession, type TerminalSessionOptions } from './session.js';
import { wrapText } from './word-wrap.js';

export interface TerminalChatOptions extends Omit<TerminalSessionOptions, 'io'> {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A person at a TTY: prompts, hidden secret input, an updating progress line. Otherwise line mode. */
  readonly interactive: boolean;
  /** Where `export` writes its CSV files. */
  readonly exportDir: string;
  /** Ends the chat like end of input (SIGTERM). */
  readonly signal?: AbortSignal;
  /** Issue 14: change digests, shown before the next prompt. */
  readonly digests?: DigestInbox;
}

function safeFilename(name: string): string {
  const base = name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '');
  return base === '' ? 'export.csv' : base;
}

/**
 * The terminal chat loop. Interactive: a prompt per command and hidden input for secret fields.
 * Line mode (stdin is not a TTY): each line is a command, echoed as `> line` so a transcript reads
 * well; credential fields are read from the lines that follow `/psa connect`; the chat ends at end
 * of input.
 */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { input, output, interactive } = options;
  const write = (text: string): void => {
    output.write(text);
  };
  // Readline echoes keystrokes through this stream; muting it hides what is typed into secret fields.
  let muted = false;
  const echo = new Writable({
    write(chunk, encoding, done) {
      if (!muted) output.write(chunk, encoding);
      done();
    },
  });
  const rl = createInterface({
    input,
    output: echo,
    terminal: interactive,
    historySize: interactive ? 100 : 0,
  });
  const lines = new LineReader(rl);
  // Ctrl-C at the prompt ends the chat like end of input, instead of readline's default pause.
  rl.on('SIGINT', () => rl.close());
  options.signal?.addEventListener('abort', () => rl.close(), { once: true });
  const progress = progressPrinter(write, interactive);

  const askField = async (field: CredentialField): Promise<string | null> => {
    const label = `${field.label}${field.optional ? ' (optional)' : ''}`;
    if (!interactive) {
      const value = await lines.next();
      write(`  ${label}: ${value === null ? '' : field.secret ? '(hidden)' : value}\n`);
      return value;
    }
    if (field.hint !== '') write(`  ${field.hint}\n`);
    write(`  ${label}${field.secret ? ' (hidden)' : ''}: `);
    muted = field.secret;
    const value = await lines.next();
    muted = false;
    if (field.secret) {
      write('\n');
      // Readline keeps typed lines for the up arrow; a secret must not come back that way.
      const history = (rl as unknown as { history?: string[] }).history;
      if (history !== undefined && value !== null)
        history.splice(0, history.length, ...history.filter((h) => h !== value));
    }
    return value;
  };

  const tty = output as Partial<Pick<NodeJS.WriteStream, 'rows' | 'columns'>>;
  // Piped output keeps its lines whole: only a window wraps.
  const forWindow = (text: string): string =>
    interactive && tty.columns !== undefined ? wrapText(text, tty.columns) : text;
  const session = new TerminalSession({
    ...options,
    screen: () =>
      interactive && tty.rows !== undefined && tty.columns !== undefined
        ? { rows: tty.rows, columns: tty.columns }
        : null,
    io: {
      askField,
      progress: (view) => progress.show(view),
      async writeExport(filename, csv) {
        await mkdir(options.exportDir, { recursive: true });
        const path = join(options.exportDir, safeFilename(filename));
        // Exports hold names and emails of the MSP's clients: readable by the operator only.
        await writeFile(path, csv, { encoding: 'utf8', mode: 0o600 });
        return path;
      },
    },
  });

  try {
    for (;;) {
      for (const digest of options.digests?.drain() ?? []) write(`${forWindow(digest)}\n`);
      if (interactive) {
        rl.setPrompt(`${session.actorName}> `);
        rl.prompt();
      }
      const line = await lines.next();
      if (line === null) break;
      if (!interactive && line.trim() !== '') write(`> ${line}\n`);
      const result = await session.execute(line);
      progress.settle();
      if (result.text !== '') write(`${forWindow(result.text)}\n`);
      if (result.quit) break;
    }
  } finally {
    rl.close();
  }
}
