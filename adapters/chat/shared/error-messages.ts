import type { ErrorCode, ErrorDetails } from '../../../src/domain/errors.js';
import { providerChoicesText } from '../../../src/domain/provider.js';

export interface UserMessage {
  /** What happened, in the seed's words where DESIGN.md section 6 gives them. */
  readonly text: string;
  /** What the admin can do next. */
  readonly nextStep: string;
}

function retryHint(details: ErrorDetails): string {
  const seconds = details.retryAfterSeconds;
  if (seconds === undefined) return 'Try again in a few minutes.';
  if (seconds < 90) return `Try again in ${Math.max(1, Math.ceil(seconds))} seconds.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

/**
 * The one place that words every error code. The switch is exhaustive: a new code in the union
 * fails the build here until it has a message. No message includes raw PSA output or a secret;
 * `details` only carries numbers and our own hints.
 */
export function messageFor(code: ErrorCode, details: ErrorDetails = {}): UserMessage {
  switch (code) {
    case 'credentials_required':
      return {
        text: 'Credentials are required',
        nextStep: 'Run `/psa connect <provider>` and fill in every field.',
      };
    case 'integration_locked':
      return {
        text: 'Another admin is already working with this integration',
        nextStep: 'Wait until their import is finished or cancelled; an abandoned lock expires on its own.',
      };
    case 'insufficient_licenses':
      return {
        text: "You don't seem to have enough available licenses",
        nextStep:
          details.licencesFree !== undefined && details.licencesNeeded !== undefined
            ? `This import needs ${details.licencesNeeded} and ${details.licencesFree} are free: grant fewer users, or add licences and try again.`
            : 'Grant fewer users, or add licences and try again.',
      };
    case 'psa_server_error':
      return { text: 'We received a server error from your PSA provider', nextStep: 'Try again later.' };
    case 'psa_auth_failed':
      return {
        text: 'Authentication error. Check your credentials for your PSA provider and try again',
        nextStep: 'Run `/psa connect <provider>` to enter them again.',
      };
    case 'psa_forbidden':
      return {
        text: 'We received a Forbidden error from your PSA provider',
        nextStep: 'Check that the API member or API user has permission to read companies and contacts.',
      };
    case 'psa_invalid_response':
      return {
        text: 'We received an invalid response from your PSA provider',
        nextStep: 'Check the site or zone you connected to, then try again.',
      };
    case 'psa_rate_limited':
      return { text: 'Your PSA provider is limiting our requests right now', nextStep: retryHint(details) };
    case 'psa_budget_exhausted':
      return {
        text: "We stopped before using up your PSA's hourly API request budget, which your other tools share",
        nextStep: retryHint(details),
      };
    case 'psa_timeout':
      return { text: 'Your PSA provider took too long to answer', nextStep: 'Try again in a few minutes.' };
    case 'psa_unreachable':
      return {
        text: 'We could not reach your PSA provider',
        nextStep: 'Check the site address and that the PSA is online, then try again.',
      };
    case 'stale_view':
      return {
        text: 'This request changed after you saw it',
        nextStep: 'Check the updated message and decide again.',
      };
    case 'import_pending_approval':
      return {
        text: 'You have an import waiting for approval',
        nextStep: 'Cancel it first with `/psa cancel`, or wait until it is approved or rejected.',
      };
    case 'approval_expired':
      return {
        text: 'This approval request has expired',
        nextStep: 'Start the import again with `/psa import <provider>`.',
      };
    case 'not_admin':
      return {
        text: 'Only admins of this workspace can use the PSA import bot',
        nextStep: 'Ask an existing admin to add you with `/psa admins add`.',
      };
    case 'cannot_approve_own':
      return {
        text: 'You cannot approve an import you prepared',
        nextStep: 'Ask another admin to approve it.',
      };
    case 'run_not_found':
      return { text: 'That import does not exist', nextStep: 'Run `/psa status` to see the current import.' };
    case 'run_finished':
      return {
        text:
          details.hint !== undefined
            ? `This import is already ${details.hint}`
            : 'This import is already finished',
        nextStep: 'Run `/psa history` to see what happened, or start a new import.',
      };
    case 'lock_lost':
      return {
        text: 'This import lost its lock on the integration because it was idle for too long',
        nextStep: 'Start the import again with `/psa import <provider>`.',
      };
    case 'unknown_provider':
      return { text: 'Unknown PSA provider', nextStep: `Use ${providerChoicesText()}.` };
    case 'unknown_company':
      return {
        text: 'That managed company does not exist',
        nextStep: 'Search again and pick a company from the list.',
      };
    case 'unknown_user':
      return { text: 'That managed user does not exist', nextStep: 'Pick a user of the target company.' };
    case 'duplicate_creates':
      return {
        text:
          details.hint !== undefined
            ? `Not submitted: ${details.hint}`
            : 'Not submitted: two companies of this import would be created with the same name',
        nextStep:
          'Leave one out, map it to an existing company, or choose Create on each of them to confirm, then submit again.',
      };
    case 'invalid_input':
      return {
        text: details.hint !== undefined ? `That did not work: ${details.hint}` : 'That did not work',
        nextStep: 'Run `/psa help` for the commands.',
      };
    case 'foreign_user':
      return {
        text: 'This bot only takes commands from members of the MSP that installed it',
        nextStep: 'Ask an admin of the MSP to run the command.',
      };
    case 'shared_channel':
      return {
        text: 'Import lists are never posted in a channel shared with another organisation',
        nextStep: 'Run the command in a channel of your own workspace, or in a direct message with the bot.',
      };
    case 'database_unavailable':
      return {
        text: 'The database is unavailable',
        nextStep:
          'Try again in a few minutes; if it keeps failing, ask whoever runs the bot to check its database.',
      };
    case 'credentials_unreadable':
      return {
        text: "The stored credentials can't be decrypted with the current ENCRYPTION_KEY",
        nextStep: 'Restore the key the credentials were saved with, or run `/psa connect <provider>` again.',
      };
    case 'stored_data_invalid':
      return {
        text:
          details.hint !== undefined
            ? `The bot's database holds a damaged value (${details.hint})`
            : "The bot's database holds a damaged value",
        nextStep:
          'Ask whoever runs the bot to check its database; the bot logs name the record and the field.',
      };
    case 'internal':
      return {
        text: 'Something went wrong',
        nextStep: 'Try again; if it keeps failing, check the bot logs.',
      };
  }
}
