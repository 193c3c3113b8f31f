import { z } from 'zod';
import type { DigestView } from '../../../../src/app/views.js';
import { isProvider, type Provider } from '../../../../src/domain/provider.js';
import { digestOutline } from '../../shared/digest-text.js';
import { LIMITS } from '../block-kit-limits.js';
import { actions, type Block, button, context, header, type SlackMessage, section } from '../blocks.js';
import { escapeMrkdwn, mrkdwnText } from '../mrkdwn.js';
import { ACTION } from '../refs.js';

/** What the Start import button carries: the import the digest leads into. */
const startSchema = z.object({ provider: z.string(), filter: z.string().max(1_800) });

export function encodeDigestStart(provider: Provider, filterText: string): string | null {
  const value = JSON.stringify({ provider, filter: filterText });
  return value.length <= LIMITS.actionValue ? value : null;
}

export function decodeDigestStart(
  value: string | undefined,
): { provider: Provider; filterText: string } | null {
  if (value === undefined) return null;
  try {
    const parsed = startSchema.safeParse(JSON.parse(value));
    if (!parsed.success || !isProvider(parsed.data.provider)) return null;
    return { provider: parsed.data.provider, filterText: parsed.data.filter };
  } catch {
    return null;
  }
}

/**
 * The change digest: counts first, a few names per kind (PSA text escaped, verbatim), and a
 * Start import button into the normal review. At most 6 kinds: far below 50 blocks.
 */
export function renderDigestMessage(view: DigestView): SlackMessage {
  const outline = digestOutline(view);
  const { headline } = outline;
  if (outline.kind === 'failed') {
    return {
      text: headline,
      blocks: [
        section(
          `:warning: *${escapeMrkdwn(headline)}*\n*${escapeMrkdwn(outline.message)}*\n${escapeMrkdwn(outline.rest)}`,
        ),
      ],
    };
  }
  if (outline.kind === 'quiet')
    return { text: headline, blocks: [section(`:white_check_mark: ${escapeMrkdwn(headline)}`)] };
  const blocks: Block[] = [
    header(headline),
    section(outline.sections.map((s) => `• *${escapeMrkdwn(s.title)}*`).join('\n')),
  ];
  for (const shown of outline.sections) {
    const lines = shown.samples.map((sample) => {
      const detail = sample.detail === null ? '' : ` _(${mrkdwnText(sample.detail, 200)})_`;
      return `• ${mrkdwnText(sample.name, 120)}${detail}`;
    });
    const more = shown.more(shown.samples.length);
    if (more !== null) lines.push(escapeMrkdwn(more));
    blocks.push(section(`*${escapeMrkdwn(shown.title)}*\n${lines.join('\n')}`));
  }
  if (outline.duplicates !== null) blocks.push(context(`:mag: ${escapeMrkdwn(outline.duplicates)}`));
  const value = encodeDigestStart(view.provider, view.filterText);
  if (value === null) blocks.push(section(`Start the import with \`${escapeMrkdwn(view.importCommand)}\``));
  else blocks.push(actions([button('Start import', ACTION.digestImport, value, 'primary')]));
  blocks.push(context(escapeMrkdwn(outline.reviewNote)));
  return { text: headline, blocks };
}
