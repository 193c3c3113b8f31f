import type { CompanyBulkAction, UserBulkAction } from '../../../src/app/intents.js';
import type { ChatCommand } from '../shared/command-grammar.js';

/*
 * What a typed line means. Row, company and contact numbers are the numbers printed in the last
 * list; run numbers are those of `/psa status`; the session resolves them.
 */

/** `map <choice>` target: a printed number, `@n` from the last `/psa companies` list, or an id. */
export type MapChoice =
  | { readonly kind: 'number'; readonly n: number }
  | { readonly kind: 'listed'; readonly n: number }
  | { readonly kind: 'id'; readonly id: string };

export type RunCommand =
  | { readonly kind: 'review'; readonly page: number | null; readonly all?: boolean }
  | { readonly kind: 'decide'; readonly row: number; readonly code: string }
  | { readonly kind: 'decide-map'; readonly row: number; readonly choice: MapChoice }
  | { readonly kind: 'bulk'; readonly action: CompanyBulkAction }
  | { readonly kind: 'next' }
  | { readonly kind: 'back' }
  | { readonly kind: 'users'; readonly company: number | null; readonly page: number | null }
  | { readonly kind: 'decide-users'; readonly contacts: readonly number[]; readonly code: string }
  | { readonly kind: 'map-user'; readonly contact: number; readonly userId: string | null }
  | { readonly kind: 'bulk-users'; readonly action: UserBulkAction; readonly contactType: string | null }
  | { readonly kind: 'page'; readonly page: number }
  | { readonly kind: 'submit' }
  /** `run`: a number from `/psa status`, or null for the one meant. */
  | { readonly kind: 'approve'; readonly run: number | null }
  | { readonly kind: 'reject'; readonly run: number | null; readonly reason: string };

export type TerminalCommand =
  | { readonly kind: 'empty' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'as'; readonly userId: string }
  /** The shared `/psa` grammar, errors and refusals included. */
  | { readonly kind: 'chat'; readonly command: ChatCommand }
  | { readonly kind: 'run'; readonly command: RunCommand };
