import { PassThrough } from 'node:stream';

/*
 * Drives the terminal chat in line mode (stdin is not a TTY) exactly as a script would. After each
 * command the driver sends a `# sync n` comment; its echo marks the end of the command's output,
 * so nothing waits on time. The parsers read the renderer's lists back into rows.
 */

export class ChatDriver {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  text = '';
  #sync = 0;
  #waiters: (() => void)[] = [];

  constructor() {
    this.stdout.setEncoding('utf8');
    this.stdout.on('data', (chunk: string) => {
      this.text += chunk;
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  async waitFor(marker: string): Promise<void> {
    while (!this.text.includes(marker)) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Sends a command (and the lines it reads, e.g. credential fields); returns its output. */
  async send(command: string, answers: readonly string[] = []): Promise<string> {
    this.#sync += 1;
    const start = this.text.length;
    const marker = `> # sync ${this.#sync}\n`;
    this.stdin.write(`${[command, ...answers, `# sync ${this.#sync}`].join('\n')}\n`);
    await this.waitFor(marker);
    const output = this.text.slice(start, this.text.indexOf(marker, start));
    return output.replace(`> ${command}\n`, '');
  }
}

export interface Row {
  readonly n: number;
  readonly name: string;
  readonly status: string;
  readonly block: string;
}

export function reviewRows(text: string): Row[] {
  const pattern =
    /^ +(\d+)\. (.+?) {2}\[(Unmapped|Unmapped – potential duplicate|Mapped)\]\n((?: {8}.*\n)*)/gm;
  return [...text.matchAll(pattern)].map((m) => ({
    n: Number(m[1]),
    name: m[2] ?? '',
    status: m[3] ?? '',
    block: m[4] ?? '',
  }));
}

export function overview(text: string): { n: number; name: string; eligible: number; ineligible: number }[] {
  const pattern =
    /^ +(\d+)\. (.+): PSA id \d+ · ([\d,]+) of ([\d,]+) eligible get access(?: · ([\d,]+) not eligible)?$/gm;
  const count = (digits: string | undefined) => Number((digits ?? '').replaceAll(',', ''));
  return [...text.matchAll(pattern)].map((m) => ({
    n: Number(m[1]),
    name: m[2] ?? '',
    eligible: count(m[4]),
    ineligible: count(m[5]),
  }));
}

export function contactLines(text: string): { n: number; mark: string; rest: string }[] {
  return [...text.matchAll(/^ +(\d+)\. (\[x\]|\[ \]|✗) (.+)$/gm)].map((m) => ({
    n: Number(m[1]),
    mark: m[2] ?? '',
    rest: m[3] ?? '',
  }));
}

export function count(text: string, label: string): number {
  const match = new RegExp(`^ +${label.replace(/[()]/g, '\\$&')} +(\\d+)$`, 'm').exec(text);
  if (match === null) throw new Error(`no "${label}" in:\n${text}`);
  return Number(match[1]);
}
