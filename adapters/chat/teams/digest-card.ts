import type { DigestView } from '../../../src/app/views.js';
import { type DigestOutline, digestOutline } from '../shared/digest-text.js';
import { type Action, type Card, card, type Element, fitted, heading, submit, text } from './card-kit.js';
import { md, ownWords } from './markdown.js';

/**
 * The Start import button: a `messageBack` that sends the import command as if the admin had
 * typed it, so it takes the one path every import takes (a thread, the review, the approval).
 * The filter words are ids and our own syntax; no PSA text is in it.
 */
export function startImportAction(view: DigestView): Action {
  const command = view.importCommand;
  return submit(
    'Start import',
    { msteams: { type: 'messageBack', text: command, displayText: command } },
    'positive',
  );
}

/** The change digest as an Adaptive Card 1.5: counts, a few names per kind, Start import. */
export function digestCard(view: DigestView): Card {
  const outline = digestOutline(view);
  if (outline.kind === 'failed') {
    return card([
      text(`⚠️ ${md(outline.headline, 200)}`, { weight: 'Bolder', color: 'Attention' }),
      text(md(outline.message, 400), { weight: 'Bolder' }),
      text(ownWords(outline.rest)),
    ]);
  }
  if (outline.kind === 'quiet') return card([text(`✅ ${md(outline.headline, 300)}`)]);
  return fitted(DETAIL, (level) => changesCard(view, outline, level));
}

interface Detail {
  readonly samples: number;
  readonly name: number;
  readonly detail: number;
}

/** Fewer and shorter names until the card fits; the last level fits six full kinds of the longest text. */
const DETAIL: readonly [Detail, ...Detail[]] = [
  { samples: 5, name: 120, detail: 200 },
  { samples: 3, name: 80, detail: 80 },
  { samples: 2, name: 40, detail: 0 },
];

function changesCard(
  view: DigestView,
  outline: Extract<DigestOutline, { kind: 'changes' }>,
  level: Detail,
): Card {
  const body: Element[] = [
    heading(md(outline.headline, 200)),
    ...outline.sections.map((shown) => text(`**${md(shown.title, 120)}**`, { spacing: 'Small' })),
  ];
  for (const shown of outline.sections) {
    body.push(text(`**${md(shown.title, 120)}**`, { separator: true }));
    const samples = shown.samples.slice(0, level.samples);
    for (const sample of samples) {
      const detail =
        sample.detail === null || level.detail === 0 ? '' : ` _(${md(sample.detail, level.detail)})_`;
      body.push(text(`${md(sample.name, level.name)}${detail}`, { spacing: 'None' }));
    }
    const more = shown.more(samples.length);
    if (more !== null) body.push(text(md(more, 60), { isSubtle: true, spacing: 'None' }));
  }
  if (outline.duplicates !== null) body.push(text(md(outline.duplicates, 200), { isSubtle: true }));
  body.push(text(md(outline.reviewNote, 200), { isSubtle: true }));
  return card(body, [startImportAction(view)]);
}
