import type { ChatPlatform } from '../domain/chat-identity.js';
import type { CompanyDecision, UserDecision } from '../domain/decisions.js';
import type { Provider } from '../domain/provider.js';
import type { ThreadRef } from '../domain/run.js';
import type { PsaCredentials } from '../ports/psa-gateway.js';

export type CompanyBulkAction =
  /** Create every unmapped (non-duplicate) company. */
  | 'create-all-unmapped'
  /** Map every duplicate that has exactly one candidate to that candidate. */
  | 'map-all-single-candidates'
  | 'skip-all'
  /** Back to the defaults. */
  | 'reset';

export type UserBulkAction = 'grant-all-eligible' | 'skip-all' | 'reset';

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
  /** `filterText` is the rest of the command, e.g. `type=Client,Prospect status=Active` or `all`. */
  | { readonly kind: 'import'; readonly provider: Provider; readonly filterText: string }
  | { readonly kind: 'show-run'; readonly runId: string; readonly paging: Paging }
  | { readonly kind: 'review'; readonly runId: string; readonly paging: Paging }
  | {
      readonly kind: 'decide-company';
      readonly runId: string;
      readonly psaCompanyId: number;
      readonly decision: CompanyDecision;
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
  | {
      readonly kind: 'decide-user';
      readonly runId: string;
      readonly psaContactId: number;
      readonly decision: UserDecision;
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
  | { readonly kind: 'approve'; readonly runId: string }
  | { readonly kind: 'reject'; readonly runId: string; readonly reason: string }
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
  | { readonly kind: 'companies-list'; readonly query: string }
  | { readonly kind: 'companies-add'; readonly name: string }
  /** Typeahead for "map to an existing managed company" pickers. */
  | { readonly kind: 'search-companies'; readonly query: string; readonly limit: number }
  | { readonly kind: 'export-review'; readonly runId: string }
  /** The adapter tells the core where the run's thread is, so any replica can post there. */
  | { readonly kind: 'attach-thread'; readonly runId: string; readonly thread: ThreadRef }
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
  | { readonly kind: 'webhooks-remove'; readonly endpointId: string };

export type IntentKind = Intent['kind'];
