import { checkUserDecision } from '../../domain/contact-assessment.js';
import type { ManagedUser } from '../../domain/directory.js';
import type { Repositories } from '../../ports/storage.js';
import type { CarriedUserDecisions } from '../views.js';
import { PAGE_ROWS } from './fetch-companies.js';

/**
 * Lays the decisions the admin set before going back to the companies over the freshly assessed
 * contact rows, a page at a time, each checked as if the admin made it now: one the contact no
 * longer allows (now ineligible, its company now new or mapped elsewhere) is dropped, and so is
 * one whose contact is no longer in the import (gone from the PSA, or its company now left out).
 * Null when no decision was waiting.
 */
export async function restoreUserDecisions(
  repos: Repositories,
  runId: string,
  users: readonly ManagedUser[],
): Promise<CarriedUserDecisions | null> {
  const byId = new Map(users.map((user) => [user.id, user]));
  const carried = { kept: 0, dropped: 0 };
  let after: number | null = null;
  for (;;) {
    const page = await repos.keptUserDecisions.keptAfter(runId, after, PAGE_ROWS);
    const last = page.at(-1);
    if (last === undefined) break;
    const ids = page.map((kept) => kept.psaContactId);
    const rows = new Map(
      (await repos.runRows.contactsById(runId, ids)).map((record) => [record.row.contact.psaId, record.row]),
    );
    const still = page
      .filter(({ psaContactId, decision }) => {
        const row = rows.get(psaContactId);
        return row !== undefined && checkUserDecision(row, decision, byId) === null;
      })
      .map((kept) => kept.psaContactId);
    await repos.keptUserDecisions.restore(runId, still);
    carried.kept += still.length;
    carried.dropped += page.length - still.length;
    after = last.psaContactId;
  }
  return carried.kept + carried.dropped === 0 ? null : carried;
}
