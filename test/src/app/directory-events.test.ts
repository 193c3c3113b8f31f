import { describe, expect, it } from 'vitest';
import { parseCommand as parseSlackCommand } from '../../../adapters/chat/slack/command-parser.js';
import { parseLine } from '../../../adapters/chat/terminal/parser.js';
import { importEvents, rejectionEvents } from '../../../src/app/use-cases/directory-events.js';
import { checkWebhookUrl } from '../../../src/app/use-cases/directory-labels.js';
import type { Plan } from '../../../src/domain/plan-model.js';

const NOW = '2026-11-30T09:00:00.000Z';
const run = { id: 'run-1', tenantId: 't-1', provider: 'connectwise' as const };
const counts = {
  companiesCreate: 0,
  companiesMap: 0,
  companiesUnmap: 0,
  companiesKeep: 0,
  companiesSkip: 0,
  usersGrant: 0,
  usersKeep: 0,
  usersMap: 0,
  usersSkip: 0,
  usersIneligible: 0,
};
const plan: Plan = {
  companies: [
    { psaCompanyId: 1, name: 'Acme PSA', decision: { kind: 'create' }, targetCompanyId: null },
    { psaCompanyId: 2, name: 'Bolt', decision: { kind: 'map', companyId: 'co-b' }, targetCompanyId: 'co-b' },
    { psaCompanyId: 3, name: 'Crane', decision: { kind: 'unmap-create' }, targetCompanyId: 'co-old' },
  ],
  users: [
    {
      psaContactId: 10,
      companyPsaId: 2,
      email: 'ann@bolt.test',
      displayName: 'Ann',
      decision: { kind: 'map', userId: 'u-ann' },
      linkedUserId: null,
    },
  ],
  counts,
};
const result = {
  companiesCreated: 1,
  companiesMapped: 1,
  companiesUnmapped: 1,
  companiesKept: 0,
  usersImported: 1,
  usersMapped: 1,
  usersKept: 0,
  errors: [{ subject: 'Dup', message: 'email now belongs to a user of another managed company' }],
};

describe('directory events', () => {
  it('turns an apply into one event per change, then import.applied, with the run id on each', () => {
    let n = 0;
    const events = importEvents(
      run,
      {
        plan,
        result,
        writes: [
          { kind: 'create-company', companyId: 'co-a', name: 'Acme' },
          { kind: 'link-company', psaCompanyId: 1, companyId: 'co-a' },
          { kind: 'link-company', psaCompanyId: 2, companyId: 'co-b' },
          { kind: 'create-company', companyId: 'co-c', name: 'Crane' },
          { kind: 'link-company', psaCompanyId: 3, companyId: 'co-c' },
          { kind: 'create-user', userId: 'u-1', companyId: 'co-a', email: 'x@acme.test', displayName: 'X' },
          { kind: 'link-contact', psaContactId: 11, userId: 'u-1' },
          { kind: 'link-contact', psaContactId: 10, userId: 'u-ann' },
        ],
      },
      NOW,
      () => String(++n),
    );
    expect(events.map((e) => e.type)).toEqual([
      'company.created',
      'company.mapped',
      'company.created',
      'company.unmapped',
      'user.created',
      'user.mapped',
      'import.applied',
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.every((e) => e.data.runId === 'run-1' && e.timestamp === NOW)).toBe(true);
    expect(events[0]?.data).toMatchObject({ companyId: 'co-a', name: 'Acme', psaCompanyId: 1 });
    expect(events[3]?.data).toMatchObject({
      companyId: 'co-c',
      previousCompanyId: 'co-old',
      psaCompanyId: 3,
    });
    expect(events[4]?.data).toMatchObject({ userId: 'u-1', psaContactId: 11, email: 'x@acme.test' });
    expect(events[5]?.data).toMatchObject({ userId: 'u-ann', psaContactId: 10, psaCompanyId: 2 });
    expect(events[6]?.data).toMatchObject({ companiesCreated: 1, errors: [{ subject: 'Dup' }] });
  });

  it('names a rejection with who and why', () => {
    const [event] = rejectionEvents(
      { ...run, rejecterName: 'Bob', rejectReason: 'wrong filter' },
      NOW,
      () => 'r',
    );
    expect(event).toMatchObject({
      type: 'import.rejected',
      data: { runId: 'run-1', rejectedBy: 'Bob', reason: 'wrong filter' },
    });
  });

  it('accepts https and loopback http only, never credentials in the URL', () => {
    expect(checkWebhookUrl('https://hooks.example.com/psa').ok).toBe(true);
    expect(checkWebhookUrl('http://127.0.0.1:8080/x').ok).toBe(true);
    expect(checkWebhookUrl('http://localhost/x').ok).toBe(true);
    expect(checkWebhookUrl('http://hooks.example.com/psa').ok).toBe(false);
    expect(checkWebhookUrl('https://user:pw@hooks.example.com/').ok).toBe(false);
    expect(checkWebhookUrl('ftp://hooks.example.com/').ok).toBe(false);
  });

  it('parses the terminal commands for tokens and webhooks', () => {
    expect(parseLine('/psa tokens create nightly sync')).toEqual({
      kind: 'chat',
      command: { kind: 'intent', intent: { kind: 'tokens-create', name: 'nightly sync' } },
    });
    expect(parseLine('/psa tokens')).toEqual({
      kind: 'chat',
      command: { kind: 'intent', intent: { kind: 'tokens-list' } },
    });
    expect(parseLine('/psa tokens revoke abc')).toEqual({
      kind: 'chat',
      command: { kind: 'intent', intent: { kind: 'tokens-revoke', token: 'abc' } },
    });
    expect(parseLine('/psa webhooks add https://h.test/x user.created,company.created')).toEqual({
      kind: 'chat',
      command: {
        kind: 'intent',
        intent: {
          kind: 'webhooks-add',
          url: 'https://h.test/x',
          events: ['user.created', 'company.created'],
        },
      },
    });
    expect(parseLine('/psa webhooks rotate ep1')).toEqual({
      kind: 'chat',
      command: { kind: 'intent', intent: { kind: 'webhooks-rotate', endpointId: 'ep1' } },
    });
    expect(parseLine('/psa webhooks')).toEqual({
      kind: 'chat',
      command: { kind: 'intent', intent: { kind: 'webhooks-list' } },
    });
    expect(parseLine('/psa webhooks ping')).toMatchObject({ kind: 'chat', command: { kind: 'error' } });
    // Slack answers every command ephemerally, so it takes these too (secrets go to the asker only).
    expect(parseSlackCommand('tokens create nightly')).toEqual({
      kind: 'intent',
      intent: { kind: 'tokens-create', name: 'nightly' },
    });
  });
});
