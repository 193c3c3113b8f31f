import type { ChatPlatform } from '../domain/chat-identity.js';
import type { CompanyDecision, UserDecision } from '../domain/decisions.js';
import type { ErrorCode, ErrorDetails } from '../domain/errors.js';
import type { ApplyResult, LicenceCheck, PlanCounts } from '../domain/plan-model.js';
import type { Provider } from '../domain/provider.js';
import type { CompanyStatus, DuplicateCandidate, MissingRow } from '../domain/review.js';
import type { ReviewGroup } from '../domain/review-order.js';
import type { RunStatus } from '../domain/run-status.js';
import type { SkippedRecords } from '../domain/skipped-records.js';
import type { CredentialField } from '../ports/psa-gateway.js';
import type { CompanyBulkAction, UserBulkAction } from './intents.js';
import type { DigestHistoryEntry, DigestScheduleSummary, DigestView } from './views/digest-view.js';

export type {
  DigestHistoryEntry,
  DigestSample,
  DigestScheduleSummary,
  DigestSection,
  DigestSectionKind,
  DigestView,
} from './views/digest-view.js';

/**
 * Platform-neutral views. Chat adapters render them and nothing else; every string that came from
 * a PSA or a user (names, emails, reasons quoting names) is untrusted and must be escaped by the
 * renderer for its surface.
 */

export interface PageInfo {
  readonly page: number;
  readonly pageSize: number;
  readonly totalItems: number;
  readonly totalPages: number;
}

export interface RunHeader {
  readonly runId: string;
  readonly provider: Provider;
  readonly status: RunStatus;
  readonly requesterName: string;
  /** Bumped on every change; a click carrying an older version is stale. */
  readonly version: number;
}

export interface ReviewRowView {
  readonly psaCompanyId: number;
  readonly name: string;
  readonly status: CompanyStatus;
  readonly typeNames: readonly string[];
  readonly statusName: string | null;
  readonly active: boolean;
  readonly lastImportedAt: string | null;
  readonly mappedTo: { readonly id: string; readonly name: string } | null;
  readonly candidates: readonly DuplicateCandidate[];
  readonly decision: CompanyDecision;
  /** Name of the managed company a map/keep decision lands in. */
  readonly targetName: string | null;
  /** Decisions the admin may pick for this row. */
  readonly allowed: readonly CompanyDecision['kind'][];
  /** Where the row sits in the decisions-first order; rows come sorted by it. */
  readonly group: ReviewGroup;
  /** The last applied import left it out, so it is left out by default. */
  readonly leftOutLastTime: boolean;
  /** Other PSA companies of this import with the same name, with their PSA ids (issue 11). */
  readonly twinNote?: string;
}

export interface BulkOffer<A> {
  readonly action: A;
  /** How many rows it would change, for labels like "Create all 480 unmapped". */
  readonly count: number;
}

export interface ReviewView {
  readonly kind: 'review';
  readonly run: RunHeader;
  readonly totals: { readonly mapped: number; readonly unmapped: number; readonly duplicates: number };
  readonly rows: readonly ReviewRowView[];
  readonly paging: PageInfo;
  readonly notInPsa: readonly MissingRow[];
  readonly counts: PlanCounts;
  readonly bulk: readonly BulkOffer<CompanyBulkAction>[];
  /** PSA records the provider skipped as malformed ("2 PSA records skipped: …"). */
  readonly skipped: SkippedRecords;
  /** The import's filter as the header names it (PSA choice names: untrusted). */
  readonly filter: { readonly label: string; readonly isDefault: boolean };
  /**
   * Right after going back from the users step: how many user decisions the admin had set are
   * kept for the next fetch of the contacts. Absent otherwise, and when there were none.
   */
  readonly userDecisionsKept?: number;
}

export interface ContactRowView {
  readonly psaContactId: number;
  readonly psaCompanyId: number;
  readonly name: string;
  readonly email: string | null;
  readonly active: boolean;
  readonly typeNames: readonly string[];
  readonly decision: UserDecision;
  /** Human-readable reason the contact cannot be granted (the red X); null when eligible. */
  readonly ineligibleReason: string | null;
  readonly previouslyImported: boolean;
  readonly sameEmailUser: { readonly id: string; readonly email: string } | null;
  readonly allowed: readonly UserDecision['kind'][];
  /**
   * "email domain globex.com belongs to Globex": the email's domain is a known domain of other
   * managed companies than the one the contact lands in. A note, never a block; null when none.
   */
  readonly domainNote?: string | null;
}

export interface UsersCompanySummary {
  readonly psaCompanyId: number;
  readonly name: string;
  readonly granted: number;
  readonly eligible: number;
  readonly ineligible: number;
}

export interface UsersView {
  readonly kind: 'users';
  readonly run: RunHeader;
  /** Null for the overview of every selected company. */
  readonly company: { readonly psaCompanyId: number; readonly name: string } | null;
  /** Overview: one summary per selected company (paged). */
  readonly companies: readonly UsersCompanySummary[];
  /** One company: its contacts (paged). */
  readonly contacts: readonly ContactRowView[];
  readonly contactTypes: readonly string[];
  readonly paging: PageInfo;
  readonly counts: PlanCounts;
  readonly licences: LicenceCheck;
  readonly bulk: readonly BulkOffer<UserBulkAction>[];
  readonly skipped: SkippedRecords;
  /**
   * One company: existing users of the managed company it lands in (map or keep), the first
   * MAX_MAP_CANDIDATES by name, so a contact can be mapped to one without knowing its id.
   * Absent or empty: none (a new company has no users yet).
   */
  readonly mapCandidates?: readonly MapCandidate[];
  /**
   * Right after the contacts were fetched again (the admin went back to the companies): how many
   * of the user decisions they had set were laid over the new rows and how many no longer apply.
   * Absent when none were waiting.
   */
  readonly carriedOver?: CarriedUserDecisions;
}

export interface CarriedUserDecisions {
  readonly kept: number;
  readonly dropped: number;
}

export interface MapCandidate {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';

export interface ApprovalView {
  readonly kind: 'approval';
  readonly run: RunHeader;
  readonly state: ApprovalState;
  readonly counts: PlanCounts;
  readonly licences: LicenceCheck;
  readonly expiresAt: string | null;
  /** Platform user ids of the requester and of the admins allowed to approve (Teams refresh). */
  readonly requester: { readonly platform: ChatPlatform; readonly userId: string };
  readonly approvers: readonly { readonly platform: ChatPlatform; readonly userId: string }[];
  readonly approverName: string | null;
  /** Who approved or rejected it: "rejected by <decidedBy>: <rejectReason>". */
  readonly decidedBy: string | null;
  readonly rejectReason: string | null;
}

export interface ResultView {
  readonly kind: 'result';
  readonly run: RunHeader;
  /** Platform user id of the requester, so the result can address them. */
  readonly requester: { readonly platform: ChatPlatform; readonly userId: string };
  readonly approverName: string | null;
  readonly result: ApplyResult;
  readonly requestCount: number;
  readonly skipped: SkippedRecords;
}

export interface ProgressView {
  readonly kind: 'progress';
  readonly runId: string;
  readonly provider: Provider;
  readonly phase: 'companies' | 'contacts';
  readonly done: number;
  readonly total: number | null;
}

/** What the asking admin may do to a run right now (`approve 2`, `reject 2 <reason>`, `cancel 2`). */
export type RunAction = 'approve' | 'reject' | 'cancel';

export interface RunSummary {
  /** 1-based position in the list it came in, so a surface can let an admin pick "run 2". */
  readonly number: number;
  readonly runId: string;
  readonly provider: Provider;
  readonly status: RunStatus;
  /** The version an approve or reject picked from this list must carry. */
  readonly version: number;
  readonly requesterName: string;
  /** Set only when the run was approved. */
  readonly approverName: string | null;
  /** Who approved or rejected it. */
  readonly decidedBy: string | null;
  readonly rejectReason: string | null;
  readonly createdAt: string;
  readonly result: ApplyResult | null;
  readonly failureCode: ErrorCode | null;
  /** Empty in history; in status, what the asking admin may do now. */
  readonly actions: readonly RunAction[];
}

export type View =
  | {
      readonly kind: 'help';
      readonly commands: readonly { readonly usage: string; readonly summary: string }[];
    }
  /** Our own words (never untrusted text) plus optional untrusted `subject` to escape. */
  | {
      readonly kind: 'notice';
      readonly tone: 'info' | 'success' | 'warning';
      readonly text: string;
      readonly subject?: string;
    }
  | { readonly kind: 'error'; readonly code: ErrorCode; readonly details: ErrorDetails }
  | {
      readonly kind: 'credentials-form';
      readonly provider: Provider;
      readonly fields: readonly CredentialField[];
    }
  | { readonly kind: 'connected'; readonly provider: Provider }
  | ProgressView
  | ReviewView
  | UsersView
  | ApprovalView
  | ResultView
  | {
      readonly kind: 'status';
      readonly open: readonly RunSummary[];
      readonly integrations: readonly Provider[];
      /** Issue 14: change-digest schedules; absent where none is set. */
      readonly schedules?: readonly DigestScheduleSummary[];
    }
  | {
      readonly kind: 'history';
      readonly runs: readonly RunSummary[];
      /** Issue 14: the latest change digests, newest first. */
      readonly digests?: readonly DigestHistoryEntry[];
    }
  | {
      readonly kind: 'admins';
      readonly admins: readonly {
        readonly platform: ChatPlatform;
        readonly userId: string;
        readonly displayName: string;
      }[];
      readonly approvalPolicy: 'second-admin' | 'self';
    }
  | { readonly kind: 'licenses'; readonly total: number; readonly used: number; readonly free: number }
  | {
      readonly kind: 'companies';
      readonly companies: readonly { readonly id: string; readonly name: string }[];
      /** Every managed company of the tenant. */
      readonly total: number;
      /** The query as given (untrusted), the companies matching it and where this page lies. */
      readonly query: string;
      readonly paging: PageInfo;
    }
  | {
      readonly kind: 'company-options';
      readonly options: readonly { readonly id: string; readonly name: string }[];
    }
  | { readonly kind: 'export'; readonly runId: string; readonly filename: string; readonly csv: string }
  | ApiTokenCreatedView
  | ApiTokensView
  | WebhookSecretView
  | WebhooksView
  | DigestView;

/** Issue 13. The token is shown this once and never again; renderers must not log it. */
export interface ApiTokenCreatedView {
  readonly kind: 'api-token-created';
  readonly tokenId: string;
  readonly name: string;
  readonly token: string;
}

export interface ApiTokensView {
  readonly kind: 'api-tokens';
  readonly tokens: readonly {
    readonly id: string;
    readonly name: string;
    readonly createdBy: string;
    readonly createdAt: string;
    readonly lastUsedAt: string | null;
    readonly revokedAt: string | null;
  }[];
}

/** A new endpoint's or a rotated `whsec_` secret, shown this once. */
export interface WebhookSecretView {
  readonly kind: 'webhook-secret';
  readonly endpointId: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly secret: string;
  readonly rotated: boolean;
}

/** Endpoints with their delivery health. */
export interface WebhooksView {
  readonly kind: 'webhooks';
  readonly endpoints: readonly {
    readonly id: string;
    readonly url: string;
    readonly events: readonly string[];
    readonly disabledReason: string | null;
    readonly queued: number;
    readonly failed: number;
    readonly lastSuccessAt: string | null;
    readonly lastError: string | null;
  }[];
}

export type ViewKind = View['kind'];
