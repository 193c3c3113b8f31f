import type { DigestView } from '../../../src/app/views.js';
import {
  DIGEST_REVIEW_NOTE,
  digestDuplicatesNote,
  digestFailureLines,
  digestHeadline,
  digestMore,
  digestSectionTitle,
} from '../shared/digest-text.js';
import { clean } from './sanitize.js';

/** The change digest as plain text: counts, a few names per kind, then the command to type. */
export function renderDigest(view: DigestView): string {
  const lines = [`◆ ${digestHeadline(view)}`];
  if (view.error !== null)
    return [...lines, ...digestFailureLines(view).map((line) => `  ${line}`)].join('\n');
  if (view.total === 0) return lines.join('\n');
  for (const section of view.sections) lines.push(`  ${digestSectionTitle(section.kind, section.count)}`);
  for (const section of view.sections) {
    lines.push(`${digestSectionTitle(section.kind, section.count)}:`);
    for (const sample of section.samples) {
      const detail = sample.detail === null ? '' : `  (${clean(sample.detail, 120)})`;
      lines.push(`  - ${clean(sample.name, 80)}${detail}`);
    }
    const more = digestMore(section.count, section.samples.length);
    if (more !== null) lines.push(`  ${more}`);
  }
  const duplicates = digestDuplicatesNote(view);
  if (duplicates !== null) lines.push(duplicates);
  lines.push(`Start the import with: ${view.importCommand}`, DIGEST_REVIEW_NOTE);
  return lines.join('\n');
}
