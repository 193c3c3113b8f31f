import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { TEAMS_LIGHT_CSS, TEAMS_LIGHT_HOST_CONFIG } from './teams-host-config.js';

/**
 * Renders Adaptive Cards with Microsoft's own renderer (`adaptivecards`, the browser bundle) in
 * Debian's headless Chromium, with a Teams light host config, and reports what a Teams user would
 * trip over: what the renderer warns about while parsing, what `validateProperties()` finds, action
 * buttons whose title does not fit, markdown left raw, and cards over Teams' size limit.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Teams rejects messages over about 28 KB; the card must also leave room for the activity. */
export const MAX_CARD_BYTES = 28 * 1024;
/** Teams' narrowest card (phones) and a typical desktop chat column. */
export const WIDTHS = [360, 540] as const;
export const ARTIFACTS_DIR = new URL('../../test-artifacts/cards/', import.meta.url).pathname;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface RenderReport {
  readonly problems: readonly string[];
  readonly png: Buffer;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

function bundle(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('adaptivecards');
  return readFileSync(join(dirname(main), '..', 'dist', 'adaptivecards.min.js'), 'utf8');
}

/**
 * Runs in the page. A small markdown pass stands in for Teams' (bold and backslash escapes, which
 * is all our cards use) and records what would be shown raw: backticks and unclosed `**`.
 */
const PAGE_SCRIPT = `
window.rawMarkdown = [];
function escapeHtml(c) {
  return c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c;
}
AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
  let html = '';
  let bold = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\\\\' && next !== undefined && /[!-\\/:-@\\[-\`{-~]/.test(next)) { html += escapeHtml(next); i++; continue; }
    if (c === '*' && next === '*') { html += bold ? '</strong>' : '<strong>'; bold = !bold; i++; continue; }
    if (c === '\`') window.rawMarkdown.push('a backtick in: ' + text);
    html += escapeHtml(c);
  }
  if (bold) window.rawMarkdown.push('an unclosed ** in: ' + text);
  result.outputHtml = '<p>' + html + (bold ? '</strong>' : '') + '</p>';
  result.didProcess = true;
};
window.renderCard = function (payload, hostConfig, width) {
  window.rawMarkdown = [];
  const problems = [];
  window.pending = problems;
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  // Properties newer than the version the card declares are what Teams' clients may drop.
  const declared = AdaptiveCards.Version.parse(payload.version, new AdaptiveCards.SerializationContext());
  const context = new AdaptiveCards.SerializationContext(declared);
  card.parse(payload, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push('parse: ' + AdaptiveCards.ValidationEvent[event.event] + ': ' + event.message);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push('validation: ' + AdaptiveCards.ValidationEvent[event.event] + ': ' + event.message);
  }
  const host = document.getElementById('host');
  host.innerHTML = '';
  host.style.width = width + 'px';
  const element = card.render();
  if (element === undefined) problems.push('render: nothing rendered');
  else host.appendChild(element);
};
/** Measured after fonts settle, so the check sees the layout the screenshot shows. */
window.measureCard = function (width) {
  const problems = window.pending;
  const host = document.getElementById('host');
  // Exact widths: an ellipsis replaces the last letters even when the text is a fraction of a pixel
  // too wide, which scrollWidth (whole pixels) can miss.
  function cut(element) {
    const style = getComputedStyle(element);
    if (style.overflow === 'visible') return false;
    const range = document.createRange();
    range.selectNodeContents(element);
    const inner = element.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
      - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    return range.getBoundingClientRect().width > inner + 0.01 || element.scrollWidth > element.clientWidth;
  }
  for (const button of host.querySelectorAll('button')) {
    if ([button, ...button.querySelectorAll('*')].some(cut)) {
      problems.push('truncated button at ' + width + ' px: "' + button.textContent + '"');
    }
  }
  for (const raw of window.rawMarkdown) problems.push('raw markdown: ' + raw);
  // Our own words quote commands; shown in backticks they read as code nobody rendered.
  const quoted = /\`\\/[^\`]*\`/.exec(host.textContent);
  if (quoted !== null) problems.push('raw markdown: a command in backticks: ' + quoted[0]);
  return problems;
};
`;

export class CardRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** One browser per test file: launching takes most of the time. */
  static async launch(): Promise<CardRenderer> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const page = await browser.newPage({ viewport: { width: 700, height: 800 } });
    // Nothing leaves the machine: the bundle is inlined and every request is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(`<!doctype html><html><head><style>${TEAMS_LIGHT_CSS}</style></head>
      <body><div id="host" class="host"></div></body></html>`);
    await page.addScriptTag({ content: bundle() });
    await page.addScriptTag({ content: PAGE_SCRIPT });
    return new CardRenderer(browser, page);
  }

  async render(card: unknown, width: number): Promise<RenderReport> {
    await this.page.evaluate(
      ([payload, hostConfig, w]) =>
        (globalThis as unknown as { renderCard: (p: unknown, h: unknown, w: number) => void }).renderCard(
          payload,
          hostConfig,
          w,
        ),
      [card, TEAMS_LIGHT_HOST_CONFIG, width] as const,
    );
    await this.page.evaluate(
      () =>
        (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready,
    );
    const problems = await this.page.evaluate(
      (w) => (globalThis as unknown as { measureCard: (w: number) => string[] }).measureCard(w),
      width,
    );
    const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
    const sized =
      bytes > MAX_CARD_BYTES ? [...problems, `size: ${bytes} bytes, over ${MAX_CARD_BYTES}`] : problems;
    const png = await this.page.locator('#host').screenshot();
    return { problems: sized, png };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export function writeArtifact(name: string, width: number, png: Buffer): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, `${name.replace(/[^\w-]+/g, '-')}-${width}.png`);
  writeFileSync(file, png);
  return file;
}
