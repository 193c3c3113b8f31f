import type { CompanyBulkAction, Intent, UserBulkAction } from '../../../src/app/intents.js';

/*
 * What a typed line means. Row, company and contact numbers are the numbers printed in the last
 * list; the session resolves them.
 */

/** `map <choice>` target: a printed number, `@n` from the last `/psa companies` list, or an id. */
export type MapChoice =
  | { readonly kind: 'number'; readonly n: number }
  | { readonly kind: 'listed'; readonly n: number }
  | { readonly kind: 'id'; readonly id: string };

/** Issue 13: `/psa tokens …` and `/psa webhooks …`. */
export type DirectoryApiIntentKind =
  | 'tokens-create'
  | 'tokens-list'
  | 'tokens-revoke'
  | 'webhooks-add'
  | 'webhooks-list'
  | 'webhooks-ping'
  | 'webhooks-rotate'
  | 'webhooks-disable'
  | 'webhooks-remove';

/** The `/psa` commands; those that need no resolving are intents as they are. */
export type PsaCommand =
  | { readonly kind: 'connect'; readonly provider: string }
  | { readonly kind: 'import'; readonly provider: string; readonly filterText: string }
  | { readonly kind: 'cancel' }
  | Extract<
      Intent,
      {
        readonly kind:
          | 'help'
          | 'status'
          | 'history'
          | 'admins-list'
          | 'admins-add'
          | 'admins-remove'
          | 'licenses'
          | 'companies-list'
          | 'companies-add'
          | DirectoryApiIntentKind;
      }
    >;

export type RunCommand =
  | { readonly kind: 'review'; readonly page: number | null }
  | { readonly kind: 'decide'; readonly row: number; readonly decision: 'create' | 'skip' | 'keep' | 'unmap' }
  | { readonly kind: 'decide-map'; readonly row: number; readonly choice: MapChoice }
  | { readonly kind: 'bulk'; readonly action: CompanyBulkAction }
  | { readonly kind: 'next' }
  | { readonly kind: 'back' }
  | { readonly kind: 'users'; readonly company: number | null; readonly page: number | null }
  | {
      readonly kind: 'decide-users';
      readonly contacts: readonly number[];
      readonly decision: 'grant' | 'skip' | 'new-user';
    }
  | { readonly kind: 'map-user'; readonly contact: number; readonly userId: string | null }
  | { readonly kind: 'bulk-users'; readonly action: UserBulkAction; readonly contactType: string | null }
  | { readonly kind: 'page'; readonly page: number }
  | { readonly kind: 'submit' }
  | { readonly kind: 'approve' }
  | { readonly kind: 'reject'; readonly reason: string }
  | { readonly kind: 'export' };

export type TerminalCommand =
  | { readonly kind: 'empty' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'as'; readonly userId: string }
  | { readonly kind: 'psa'; readonly command: PsaCommand }
  | { readonly kind: 'run'; readonly command: RunCommand }
  /** Our own words for what was wrong with the line. */
  | { readonly kind: 'invalid'; readonly hint: string };
