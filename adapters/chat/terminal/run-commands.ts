import type { RunCommand } from './parser.js';
import { renderConfirmation } from './render-confirmation.js';
import { renderView } from './render-view.js';
import { decideCompany, decideUsers, mapUser } from './run-decisions.js';
import { hint, type RunContext, type Step } from './session-types.js';

/** The commands that work on the open import; numbers resolve through the list memory. */
export async function runCommand(
  ctx: RunContext,
  runId: string,
  command: Exclude<RunCommand, { kind: 'approve' | 'reject' }>,
): Promise<Step> {
  const memory = ctx.memory;
  switch (command.kind) {
    case 'review': {
      const page = command.page === null ? memory.reviewPage : command.page - 1;
      const view = await ctx.handle({ kind: 'review', runId, paging: ctx.paging(page) });
      // Drawn without the window's limit: the admin asked for every row of the page.
      return command.all === true ? { view, confirm: renderView(view) } : { view };
    }
    case 'decide':
    case 'decide-map':
      return decideCompany(ctx, runId, command);
    case 'bulk': {
      const view = await ctx.handle({
        kind: 'bulk-companies',
        runId,
        action: command.action,
        paging: ctx.paging(memory.reviewPage),
      });
      return { view, confirm: renderConfirmation(view, []) };
    }
    case 'next':
      return { view: await ctx.handle({ kind: 'continue-to-users', runId, paging: ctx.paging(0) }) };
    case 'back':
      return {
        view: await ctx.handle({
          kind: 'back-to-companies',
          runId,
          paging: ctx.paging(memory.reviewPage),
        }),
      };
    case 'users':
      return users(ctx, runId, command.company, command.page === null ? 0 : command.page - 1);
    case 'page':
      if (memory.lastList === 'users') return usersPage(ctx, runId, command.page - 1);
      return {
        view: await ctx.handle({ kind: 'review', runId, paging: ctx.paging(command.page - 1) }),
      };
    case 'decide-users':
      return decideUsers(ctx, runId, command.contacts, command.code);
    case 'map-user':
      return mapUser(ctx, runId, command.contact, command.userId);
    case 'bulk-users': {
      const view = await ctx.handle({
        kind: 'bulk-users',
        runId,
        psaCompanyId: memory.usersCompany,
        action: command.action,
        contactType: command.contactType,
        paging: ctx.paging(memory.usersCompany === null ? 0 : memory.usersPage),
      });
      return { view, confirm: renderConfirmation(view, []) };
    }
    case 'submit':
      return { view: await ctx.handle({ kind: 'submit', runId }) };
  }
}
async function users(ctx: RunContext, runId: string, company: number | null, page: number): Promise<Step> {
  let psaCompanyId: number | null = null;
  if (company !== null) {
    const summary = ctx.memory.userCompanies.get(company);
    if (summary === undefined)
      return { view: hint(`there is no company ${company} in the lists shown; type \`users\``) };
    psaCompanyId = summary.psaCompanyId;
  }
  return { view: await ctx.handle({ kind: 'users', runId, psaCompanyId, paging: ctx.paging(page) }) };
}

async function usersPage(ctx: RunContext, runId: string, page: number): Promise<Step> {
  const psaCompanyId = ctx.memory.usersCompany;
  return { view: await ctx.handle({ kind: 'users', runId, psaCompanyId, paging: ctx.paging(page) }) };
}
