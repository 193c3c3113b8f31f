import type { View } from '../../../src/app/views.js';
import type { UserDecision } from '../../../src/domain/decisions.js';
import { decodeCompanyDecision, decodeUserDecision, mapCode } from '../shared/decision-codec.js';
import type { MapChoice, RunCommand } from './parser.js';
import { renderConfirmation } from './render-confirmation.js';
import { hint, type RunContext, type Step } from './session-types.js';

/*
 * Company and contact decisions typed with the numbers of the last lists. The core checks whether a
 * decision is allowed; here we only turn numbers into PSA ids and managed company or user ids.
 */

function mapTarget(ctx: RunContext, row: number, choice: MapChoice): string | View {
  const listed = (n: number): string | View =>
    ctx.memory.listedCompanies[n - 1]?.id ??
    hint(`there is no company @${n}; list them with \`/psa companies <text>\``);
  if (choice.kind === 'id') return choice.id;
  if (choice.kind === 'listed') return listed(choice.n);
  const candidates = ctx.memory.reviewRows.get(row)?.candidates ?? [];
  if (candidates.length === 0) return listed(choice.n);
  return candidates[choice.n - 1]?.companyId ?? hint(`row ${row} has ${candidates.length} candidates`);
}

export async function decideCompany(
  ctx: RunContext,
  runId: string,
  command: Extract<RunCommand, { kind: 'decide' | 'decide-map' }>,
): Promise<Step> {
  const row = ctx.memory.reviewRows.get(command.row);
  if (row === undefined)
    return { view: hint(`there is no row ${command.row} in the lists shown; type \`review\``) };
  let code = '';
  if (command.kind === 'decide-map') {
    const target = mapTarget(ctx, command.row, command.choice);
    if (typeof target !== 'string') return { view: target };
    code = mapCode(target);
  } else {
    code = command.code;
  }
  const decision = decodeCompanyDecision(code);
  if (decision === null) return { view: hint('that is not a company decision') };
  const view = await ctx.handle({
    kind: 'decide-companies',
    runId,
    decisions: [{ psaCompanyId: row.psaCompanyId, decision }],
    paging: ctx.paging(ctx.memory.reviewPage),
  });
  return { view, confirm: renderConfirmation(view, [row.psaCompanyId]) };
}

export async function decideUsers(
  ctx: RunContext,
  runId: string,
  numbers: readonly number[],
  code: string,
): Promise<Step> {
  const decision = decodeUserDecision(code);
  if (decision === null) return { view: hint('that is not a contact decision') };
  return applyUserDecisions(
    ctx,
    runId,
    numbers.map((n) => ({ n, decision })),
  );
}

export async function mapUser(
  ctx: RunContext,
  runId: string,
  n: number,
  userId: string | null,
): Promise<Step> {
  // `u3`: the third existing user the contacts list offered; anything else is a user id.
  const listed = userId === null ? null : /^u(\d{1,3})$/i.exec(userId);
  const user = listed === null ? undefined : ctx.memory.mapCandidates[Number(listed[1]) - 1];
  if (listed !== null && user === undefined) {
    return { view: hint(`there is no user ${userId}; type \`users <company#>\``) };
  }
  const target = user?.id ?? userId ?? ctx.memory.contacts.get(n)?.sameEmailUser?.id ?? null;
  const decision = target === null ? null : decodeUserDecision(mapCode(target));
  if (decision === null) return { view: hint(`say which user: map-user ${n} <user id>`) };
  return applyUserDecisions(ctx, runId, [{ n, decision }]);
}

async function applyUserDecisions(
  ctx: RunContext,
  runId: string,
  items: readonly { n: number; decision: UserDecision }[],
): Promise<Step> {
  const missing = items.find((item) => !ctx.memory.contacts.has(item.n));
  if (missing !== undefined) {
    return { view: hint(`there is no contact ${missing.n} in the list shown; type \`users <company#>\``) };
  }
  const decisions = items.flatMap(({ n, decision }) => {
    const contact = ctx.memory.contacts.get(n);
    return contact === undefined ? [] : [{ psaContactId: contact.psaContactId, decision }];
  });
  if (decisions.length === 0) return { view: hint('no contacts given') };
  // One batch: all of them or, when one is refused, none (the refusal names the row).
  const view: View = await ctx.handle({
    kind: 'decide-users',
    runId,
    decisions,
    paging: ctx.paging(ctx.memory.usersPage),
  });
  if (view.kind === 'users') ctx.memory.rememberUsers(view);
  const ids = items.flatMap(({ n }) => {
    const contact = ctx.memory.contacts.get(n);
    return contact === undefined ? [] : [contact.psaContactId];
  });
  return { view, confirm: renderConfirmation(view, ids) };
}
