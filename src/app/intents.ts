import type { ChatPlatform } from '../domain/chat-identity.js';
import type {
  CompanyBulkAction,
  CompanyDecision,
  UserBulkAction,
  UserDecision,
} from '../domain/decisions.js';
import type { Provider } from '../domain/provider.js';
import type { Cadence } from '../domain/schedule.js';
import type { ThreadRef } from '../domain/thread-ref.js';
import type { PsaCredentials } from '../ports/psa-gateway.js';

export type { CompanyBulkAction, UserBulkAction } from '../domain/decisions.js';

export interface CompanyDecisionItem {
  readonly psaCompanyId: number;
  readonly decision: CompanyDecision;
}

export interface UserDecisionItem {
  readonly psaContactId: number;
  readonly decision: UserDecision;
}

export interface Paging {
  /** Zero-based. */
  readonly page: number;
  readonly pageSize: number;
}

/**
 * What an admin asked for, parsed by a chat adapter from a command, a button or a form. The core
 * checks permission and state for every intent; adapters never decide who may do what.
 */
export type Intent =
  | { readonly kind: 'help' }
  | { readonly kind: 'connect-form'; readonly provider: Provider }
  | { readonly kind: 'connect'; readonly provider: Provider; readonly credentials: PsaCredentials }
  /**
   * `filterText` is the rest of the command, e.g. `type=Client,Prospect status=Active` or `all`.
   * Answers with the first review page of `pageSize` rows; the thread comes from
   * `IntentIo.openThread`, called once the import is sure to start.
   */
  | {
      readonly kind: 'import';
      readonly provider: Provider;
      readonly filterText: string;
      readonly pageSize: number;
    }
  | { readonly kind: 'show-run'; readonly runId: string; readonly paging: Paging }
  | { readonly kind: 'review'; readonly runId: string; readonly paging: Paging }
  /** A Save of one or more rows: applied all-or-nothing; one invalid row refuses the batch. */
  | {
      readonly kind: 'decide-companies';
      readonly runId: string;
      readonly decisions: readonly CompanyDecisionItem[];
      readonly paging: Paging;
    }
  | {
      readonly kind: 'bulk-companies';
      readonly runId: string;
      readonly action: CompanyBulkAction;
      readonly paging: Paging;
    }
  | { readonly kind: 'continue-to-users'; readonly runId: string; readonly paging: Paging }
  | { readonly kind: 'back-to-companies'; readonly runId: string; readonly paging: Paging }
  /** One company's contacts, or (psaCompanyId null) the overview of every selected company. */
  | {
      readonly kind: 'users';
      readonly runId: string;
      readonly psaCompanyId: number | null;
      readonly paging: Paging;
    }
  /**
   * All-or-nothing like decide-companies. Answers with the users page of `psaCompanyId` (null:
   * the company of the first decided contact).
   */
  | {
      readonly kind: 'decide-users';
      readonly runId: string;
      readonly decisions: readonly UserDecisionItem[];
      readonly psaCompanyId?: number | null;
      readonly paging: Paging;
    }
  | {
      readonly kind: 'bulk-users';
      readonly runId: string;
      /** null: every selected company. */
      readonly psaCompanyId: number | null;
      readonly action: UserBulkAction;
      /** Narrow to contacts with this PSA contact type or group. */
      readonly contactType: string | null;
      readonly paging: Paging;
    }
  | { readonly kind: 'submit'; readonly runId: string }
  /** `version`: the run version the approver saw (ApprovalView.run.version); a stale one is refused. */
  | { readonly kind: 'approve'; readonly runId: string; readonly version: number }
  | { readonly kind: 'reject'; readonly runId: string; readonly version: number; readonly reason: string }
  /** runId null: the actor's open run, if any. */
  | { readonly kind: 'cancel'; readonly runId: string | null }
  | { readonly kind: 'status' }
  | { readonly kind: 'history' }
  | { readonly kind: 'admins-list' }
  | {
      readonly kind: 'admins-add';
      readonly platform: ChatPlatform;
      readonly userId: string;
      readonly displayName: string;
    }
  | { readonly kind: 'admins-remove'; readonly platform: ChatPlatform; readonly userId: string }
  | { readonly kind: 'licenses' }
  /** `page`: 0-based page of the matches (`/psa companies acme page 2`); absent: the first. */
  | { readonly kind: 'companies-list'; readonly query: string; readonly page?: number }
  | { readonly kind: 'companies-add'; readonly name: string }
  /** Issue 11: `/psa companies domain [remove] <company> <domain>`. */
  | {
      readonly kind: 'companies-domain';
      readonly action: 'add' | 'remove';
      readonly company: string;
      readonly domain: string;
    }
  /** Typeahead for "map to an existing managed company" pickers. */
  | { readonly kind: 'search-companies'; readonly query: string; readonly limit: number }
  | { readonly kind: 'export-review'; readonly runId: string }
  /* Issue 13: read-API tokens and webhook endpoints. */
  | { readonly kind: 'tokens-create'; readonly name: string }
  | { readonly kind: 'tokens-list' }
  /** A token id, or its name when only one live token has it. */
  | { readonly kind: 'tokens-revoke'; readonly token: string }
  /** `events` empty: every event type. */
  | { readonly kind: 'webhooks-add'; readonly url: string; readonly events: readonly string[] }
  | { readonly kind: 'webhooks-list' }
  | { readonly kind: 'webhooks-ping'; readonly endpointId: string }
  | { readonly kind: 'webhooks-rotate'; readonly endpointId: string }
  | { readonly kind: 'webhooks-disable'; readonly endpointId: string }
  | { readonly kind: 'webhooks-remove'; readonly endpointId: string }
  /* Issue 14: the change digest. */
  | {
      readonly kind: 'digest-schedule';
      readonly provider: Provider;
      readonly cadence: Cadence;
      /** Day word as typed (weekly); null: the default. */
      readonly day: string | null;
      /** `HH:MM`; null: the default. */
      readonly time: string | null;
      /** IANA zone as typed; null: the default. */
      readonly timeZone: string | null;
      /** Also post a one-line "no changes since …". */
      readonly always: boolean;
      /** Where the digest goes: the conversation the command came from (null: nowhere known). */
      readonly conversation: ThreadRef | null;
    }
  | { readonly kind: 'digest-off'; readonly provider: Provider }
  /** Runs the digest now and answers with it, "no changes" included. */
  | { readonly kind: 'digest-now'; readonly provider: Provider };

export type IntentKind = Intent['kind'];
