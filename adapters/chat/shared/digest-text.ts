import type {
  DigestHistoryEntry,
  DigestScheduleSummary,
  DigestSectionKind,
  DigestView,
} from '../../../src/app/views.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { messageFor } from './error-messages.js';
import { countOf, formatDate } from './text.js';

/**
 * Issue 14: the change digest's words, the same on every surface. Only our own words: the
 * samples (PSA names, emails) are escaped and cut by each surface.
 */

const SECTION_WORDS: Readonly<Record<DigestSectionKind, readonly [string, string]>> = {
  'new-companies': ['new PSA company', 'new PSA companies'],
  'missing-companies': ['imported company no longer found', 'imported companies no longer found'],
  'new-contacts': ['new contact at an imported company', 'new contacts at imported companies'],
  'inactive-contacts': ['imported contact became inactive', 'imported contacts became inactive'],
  'gone-contacts': ['imported contact disappeared', 'imported contacts disappeared'],
  'changed-emails': ['changed email of an imported user', 'changed emails of imported users'],
};

/** "3 new PSA companies". */
function sectionTitle(kind: DigestSectionKind, count: number): string {
  const [singular, plural] = SECTION_WORDS[kind];
  return countOf(count, singular, plural);
}

/** The digest's first line. */
function headline(view: DigestView): string {
  const label = PROVIDER_LABELS[view.provider];
  if (view.error !== null) return `Change digest for ${label} could not run`;
  if (view.total === 0) {
    return view.since === null
      ? `No changes found in ${label}.`
      : `No changes in ${label} since the last import (${formatDate(view.since)}).`;
  }
  const since = view.since === null ? '' : ` since the last import (${formatDate(view.since)})`;
  return `Change digest for ${label}: ${countOf(view.total, 'change')}${since}`;
}

/** The closing line: nothing happens without the review. */
const REVIEW_NOTE = 'Nothing changes until an admin reviews an import and a second admin approves it.';

export interface DigestOutlineSection {
  /** "3 new PSA companies". */
  readonly title: string;
  /** PSA text: each surface escapes and cuts it. */
  readonly samples: DigestView['sections'][number]['samples'];
  /** "… and 12 more" when fewer than all were shown, or null. */
  more(shown: number): string | null;
}

/**
 * What a digest says, in our words, the same on every surface: each surface only lays it out.
 * `failed` carries the seed wording, its next step and when it is tried again.
 */
export type DigestOutline =
  | { readonly kind: 'failed'; readonly headline: string; readonly message: string; readonly rest: string }
  | { readonly kind: 'quiet'; readonly headline: string }
  | {
      readonly kind: 'changes';
      readonly headline: string;
      readonly sections: readonly DigestOutlineSection[];
      /** "2 new companies look like a managed company already there.", or null. */
      readonly duplicates: string | null;
      readonly reviewNote: string;
    };

export function digestOutline(view: DigestView): DigestOutline {
  if (view.error !== null) {
    const message = messageFor(view.error.code, view.error.details);
    const retry = view.nextDueAt === null ? [] : [`I will try again at ${formatDate(view.nextDueAt)}.`];
    return {
      kind: 'failed',
      headline: headline(view),
      message: message.text,
      rest: [message.nextStep, ...retry].join(' '),
    };
  }
  if (view.total === 0) return { kind: 'quiet', headline: headline(view) };
  return {
    kind: 'changes',
    headline: headline(view),
    sections: view.sections.map((section) => ({
      title: sectionTitle(section.kind, section.count),
      samples: section.samples,
      more: (shown) => (section.count > shown ? `… and ${section.count - shown} more` : null),
    })),
    duplicates:
      view.duplicates === 0
        ? null
        : `${countOf(view.duplicates, 'new company looks', 'new companies look')} like a managed company already there.`,
    reviewNote: REVIEW_NOTE,
  };
}

/** One line of `/psa status` about a schedule. */
export function scheduleLine(schedule: DigestScheduleSummary): string {
  const always = schedule.always ? ', also when nothing changed' : '';
  return `${PROVIDER_LABELS[schedule.provider]} change digest: ${schedule.description}${always}; next ${formatDate(schedule.nextDueAt)}`;
}

/** One line of `/psa history` about a digest. */
export function digestHistoryLine(entry: DigestHistoryEntry): string {
  const label = PROVIDER_LABELS[entry.provider];
  const what =
    entry.outcome === 'changes'
      ? countOf(entry.changes, 'change')
      : entry.outcome === 'no-changes'
        ? 'no changes'
        : `failed: ${entry.errorCode === null ? 'Something went wrong' : messageFor(entry.errorCode).text}`;
  return `${formatDate(entry.at)}  ${label} change digest  ${what}`;
}
