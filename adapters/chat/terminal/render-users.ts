import type { ContactRowView, UsersView } from '../../../src/app/views.js';
import type { LicenceCheck } from '../../../src/domain/plan-model.js';
import { USER_BULK_ACTIONS } from '../shared/bulk-actions.js';
import { carriedOverText } from '../shared/carried-over-text.js';
import { messageFor } from '../shared/error-messages.js';
import { contactNotes, userDecisionLabel } from '../shared/text.js';
import { usersSummaryFacts } from '../shared/users-summary-text.js';
import { itemNumber, pageLine, readOnlyLine, runLine, userPlanLine } from './render-common.js';
import { clean } from './sanitize.js';

export function licenceLine(licences: LicenceCheck): string {
  if (licences.enough) return `Licences: ${licences.needed} needed, ${licences.free} free ✓`;
  const message = messageFor('insufficient_licenses', {
    licencesNeeded: licences.needed,
    licencesFree: licences.free,
  });
  return `Licences: ✗ ${message.text}. ${message.nextStep}`;
}

function mark(contact: ContactRowView): string {
  if (contact.ineligibleReason !== null) return '✗';
  return contact.decision.kind === 'skip' ? '[ ]' : '[x]';
}

function renderContact(contact: ContactRowView, n: number): string[] {
  // A bracket, so "Road Runner no email" cannot read as one name.
  const email = contact.email === null ? '[✗ no email]' : `<${clean(contact.email, 80)}>`;
  const types =
    contact.typeNames.length > 0 ? ` · ${contact.typeNames.map((t) => clean(t, 30)).join(', ')}` : '';
  const lines = [
    `${String(n).padStart(4, ' ')}. ${mark(contact)} ${clean(contact.name, 80)}  ${email}${types}`,
  ];
  for (const note of contactNotes(contact)) lines.push(`          ℹ ${clean(note, 200)}`);
  if (contact.ineligibleReason !== null) {
    lines.push(`          ✗ not eligible: ${clean(contact.ineligibleReason, 160)}`);
    return lines;
  }
  let decision = userDecisionLabel(contact.decision, contact.previouslyImported);
  if (contact.previouslyImported) decision += ' (imported before)';
  if (!contact.active) decision += ' · inactive in PSA';
  lines.push(`          → ${decision}`);
  // The one user a contact can be mapped to: `map-user <n>` picks it, no id to copy.
  if (contact.sameEmailUser !== null && contact.allowed.includes('map') && contact.decision.kind !== 'map') {
    lines.push(
      `          existing user ${clean(contact.sameEmailUser.email, 60)}: map-user ${n} (id ${clean(contact.sameEmailUser.id, 40)})`,
    );
  }
  return lines;
}

/** Existing users of the company the contacts land in, numbered `u1`… for `map-user`. */
function candidateLines(view: UsersView): string[] {
  const candidates = view.mapCandidates ?? [];
  if (candidates.length === 0 || view.run.status !== 'reviewing-users') return [];
  return [
    'Existing users to map a contact to (map-user <contact#> u<n>):',
    ...candidates.map((user, i) => `   u${i + 1}  ${clean(user.name, 40)} <${clean(user.email, 60)}>`),
  ];
}

function bulkLine(view: UsersView): string | null {
  const offers = view.bulk.filter((offer) => offer.count > 0 || offer.action === 'reset');
  if (offers.length === 0) return null;
  const scope = view.company === null ? 'every selected company' : 'this company';
  return `Bulk (${scope}): ${offers.map((offer) => (offer.action === 'reset' ? `bulk-users ${USER_BULK_ACTIONS[offer.action].word}` : `${`bulk-users ${USER_BULK_ACTIONS[offer.action].word}`} (${offer.count})`)).join(' · ')} [contact type]`;
}

/** The users step: an overview of the selected companies, or one company's contacts. */
export function renderUsers(view: UsersView): string {
  const lines = [runLine(view.run)];
  if (view.company === null) {
    lines.push(`Users of the selected companies: ${pageLine(view.paging, 'company', 'companies')}`);
    view.companies.forEach((company, index) => {
      const n = itemNumber(view.paging, index);
      lines.push(`${String(n).padStart(4, ' ')}. ${clean(company.name)}: ${usersSummaryFacts(company)}`);
    });
  } else {
    lines.push(`Contacts of ${clean(view.company.name)}: ${pageLine(view.paging, 'contact', 'contacts')}`);
    if (view.contacts.length === 0) lines.push('  (no contacts)');
    view.contacts.forEach((contact, index) => {
      lines.push(...renderContact(contact, itemNumber(view.paging, index)));
    });
    lines.push(...candidateLines(view));
  }
  if (view.contactTypes.length > 0) {
    lines.push(`Contact types: ${view.contactTypes.map((t) => clean(t, 30)).join(', ')}`);
  }
  lines.push(userPlanLine(view.counts), licenceLine(view.licences));
  if (view.carriedOver !== undefined) lines.push(carriedOverText(view.carriedOver));
  const bulk = bulkLine(view);
  if (bulk !== null) lines.push(bulk);
  const paging = view.paging.totalPages > 1 ? 'page <n> · ' : '';
  if (view.run.status !== 'reviewing-users') {
    lines.push(readOnlyLine(view.run.status));
  } else if (view.company === null) {
    lines.push(`Next: ${paging}users <company#> · back (to companies) · submit`);
  } else {
    const mappable = view.contacts.some(
      (contact) => contact.sameEmailUser !== null && contact.allowed.includes('map'),
    );
    const listed = (view.mapCandidates ?? []).length > 0;
    const map = listed
      ? ' · map-user <contact#> u<n>'
      : mappable
        ? ' · map-user <contact#> (to the existing user shown)'
        : '';
    lines.push(`Next: ${paging}grant|skip|new-user <contact#>…${map} · users · submit`);
  }
  return lines.join('\n');
}
