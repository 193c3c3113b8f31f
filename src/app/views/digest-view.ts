import type { ErrorCode, ErrorDetails } from '../../domain/errors.js';
import type { Provider } from '../../domain/provider.js';

/**
 * Issue 14: the change digest as every surface renders it. Counts first (`sections`, each with
 * its count), then a few names per kind (`samples`, untrusted PSA text), then the way into the
 * normal review: a Start import button that sends the import intent with `filterText`, or on
 * the terminal the `importCommand` to type.
 */
export type DigestSectionKind =
  | 'new-companies'
  | 'missing-companies'
  | 'new-contacts'
  | 'inactive-contacts'
  | 'gone-contacts'
  | 'changed-emails';

export interface DigestSample {
  /** A company or contact name from the PSA or the directory: untrusted. */
  readonly name: string;
  /** Untrusted too: "at <company>", "may duplicate <name>", "<old> → <new>", a reason. */
  readonly detail: string | null;
}

export interface DigestSection {
  readonly kind: DigestSectionKind;
  readonly count: number;
  readonly samples: readonly DigestSample[];
}

export interface DigestView {
  readonly kind: 'digest';
  readonly provider: Provider;
  /** What the changes are counted from: the last applied import, else null. */
  readonly since: string | null;
  /** Total changes; 0 for a "no changes" line. */
  readonly total: number;
  /** Only the kinds that have changes, in a fixed order. */
  readonly sections: readonly DigestSection[];
  /** New companies that look like a managed company already there. */
  readonly duplicates: number;
  /** The filter of the import the button starts (the integration's last one). */
  readonly filterText: string;
  /** What the terminal tells the admin to type. */
  readonly importCommand: string;
  /** Set when the digest could not run: the PSA's error, reported once until it recovers. */
  readonly error: { readonly code: ErrorCode; readonly details: ErrorDetails } | null;
  /** When the next scheduled digest is due; null without a schedule. */
  readonly nextDueAt: string | null;
}

/** One line of `/psa status`. */
export interface DigestScheduleSummary {
  readonly provider: Provider;
  /** Our words: "weekly on Monday at 08:00 (Europe/Berlin)". */
  readonly description: string;
  readonly always: boolean;
  readonly nextDueAt: string;
  readonly lastRunAt: string | null;
}

/** One line of `/psa history`. */
export interface DigestHistoryEntry {
  readonly provider: Provider;
  readonly at: string;
  readonly outcome: 'changes' | 'no-changes' | 'failed';
  readonly changes: number;
  readonly errorCode: ErrorCode | null;
}
