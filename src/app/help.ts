import { providerWords } from '../domain/provider.js';
import type { View } from './views.js';

export const HELP_VIEW: View = {
  kind: 'help',
  commands: [
    { usage: '/psa help', summary: 'Show these commands.' },
    {
      usage: `/psa connect <${providerWords()}>`,
      summary: 'Store PSA credentials through a private form.',
    },
    {
      usage: `/psa import <${providerWords()}> [type=…] [status=…] [inactive|all]`,
      summary: 'Fetch PSA companies, review them, pick users and ask another admin to approve.',
    },
    { usage: '/psa status', summary: 'Show connected PSAs and imports in progress.' },
    { usage: '/psa cancel', summary: 'Cancel your import in progress and release the lock.' },
    { usage: '/psa history', summary: 'Show recent imports and their results.' },
    {
      usage: '/psa admins [add <user> | remove <user>]',
      summary: 'List or change who may run and approve imports.',
    },
    { usage: '/psa licenses', summary: 'Show the licence pool.' },
    {
      usage: '/psa companies [search text | add <name>]',
      summary: 'Search or add managed companies by hand.',
    },
    {
      usage: '/psa tokens [create <name> | revoke <id|name>]',
      summary: 'List, create (shown once) or revoke read-only API tokens.',
    },
    {
      usage: '/psa webhooks [add <https url> [events…] | ping|rotate|disable|remove <id>]',
      summary: 'Webhook endpoints and their delivery health.',
    },
    {
      usage: `/psa schedule <${providerWords()}> daily|weekly [day] [HH:MM] [time zone] [--always] | off`,
      summary: 'Post a digest of PSA changes here on a schedule, with a button into the review.',
    },
    {
      usage: `/psa digest <${providerWords()}>`,
      summary: 'Show what changed in the PSA since the last import, now.',
    },
  ],
};
