import type { DigestView } from '../../../src/app/views.js';
import { digestOutline } from '../shared/digest-text.js';
import { clean } from './sanitize.js';

/** The change digest as plain text: counts, a few names per kind, then the command to type. */
export function renderDigest(view: DigestView): string {
  const outline = digestOutline(view);
  const lines = [`◆ ${outline.headline}`];
  if (outline.kind === 'failed') return [...lines, `  ${outline.message}`, `  ${outline.rest}`].join('\n');
  if (outline.kind === 'quiet') return lines.join('\n');
  for (const section of outline.sections) lines.push(`  ${section.title}`);
  for (const section of outline.sections) {
    lines.push(`${section.title}:`);
    for (const sample of section.samples) {
      const detail = sample.detail === null ? '' : `  (${clean(sample.detail, 120)})`;
      lines.push(`  - ${clean(sample.name, 80)}${detail}`);
    }
    const more = section.more(section.samples.length);
    if (more !== null) lines.push(`  ${more}`);
  }
  if (outline.duplicates !== null) lines.push(outline.duplicates);
  lines.push(`Start the import with: ${view.importCommand}`, outline.reviewNote);
  return lines.join('\n');
}
