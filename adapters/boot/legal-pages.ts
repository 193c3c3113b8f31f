/**
 * The pages a Teams app package links to (websiteUrl, privacyUrl, termsOfUseUrl), served by the
 * bot itself so the links work wherever it is deployed. Plain, static and short: the MSP that runs
 * the bot is the one answering for its data, and the pages say so.
 */
const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}';

function page(title: string, paragraphs: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title><style>${STYLE}</style></head><body>`,
    `<h1>${title}</h1>`,
    ...paragraphs.map((text) => `<p>${text}</p>`),
    '<p><a href="/">About</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms of use</a></p>',
    '</body></html>',
    '',
  ].join('\n');
}

export const LEGAL_PAGES: Readonly<Record<string, string>> = {
  '/': page('PSA import bot', [
    'A chat bot that imports client companies and their contacts from a PSA (ConnectWise Manage or Datto Autotask) into a managed-company directory, with a review by an admin and the approval of a second one before anything is written.',
    'This copy is run by your managed service provider (MSP); ask them about it.',
  ]),
  '/privacy': page('Privacy', [
    'The bot stores, in its operator’s own database: the managed companies and users it imports, the PSA records they map to, the admins of each workspace, an audit log of imports and approvals, and the PSA credentials an admin entered, encrypted.',
    'It reads chat messages only when they are addressed to it (the /psa command, mentions in Microsoft Teams, direct messages), keeps no copy of other messages, and sends no data to anyone but the chat platform and the PSA it is connected to.',
    'The MSP that runs the bot decides how long this data is kept and answers requests about it.',
  ]),
  '/terms': page('Terms of use', [
    'The bot is provided by the MSP that runs it, for the admins of its own workspace, to import companies and contacts from the PSA it is connected to.',
    'Imports change the managed-company directory only after an admin reviews them and a second admin approves. Use it only with PSA credentials you are allowed to use.',
    'It is provided as is; the MSP’s own agreement with you governs its use.',
  ]),
};
