const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// The providers come from the one registry, src/domain/provider.ts (its `id: '…'` entries), so a
// new PSA is kept apart from its siblings without editing this file.
const PROVIDER_IDS = [
  ...readFileSync(join(__dirname, 'src/domain/provider.ts'), 'utf8').matchAll(/\bid: '([a-z0-9-]+)'/g),
].map((match) => match[1]);
if (PROVIDER_IDS.length < 2) throw new Error('no providers found in src/domain/provider.ts');
const PROVIDERS = PROVIDER_IDS.join('|');

/**
 * The dependency rule of DESIGN.md section 7, enforced in CI by `npm run lint`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing outside itself (no Node built-ins, no packages).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'ports-see-domain-only',
      severity: 'error',
      from: { path: '^src/ports/' },
      to: { pathNot: '^src/(domain|ports)/' },
    },
    {
      name: 'app-sees-domain-and-ports',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: '^src/(domain|ports|app)/' },
    },
    {
      name: 'core-has-no-io',
      comment: 'The core has no I/O: no Node built-ins, no npm packages.',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
      },
    },
    {
      name: 'adapter-families-are-separate',
      comment:
        'An adapter family (psa, chat, storage, crypto, log) never imports a sibling family; only boot wires them.',
      severity: 'error',
      from: { path: '^adapters/(psa|chat|storage|crypto|log|api|webhooks)/' },
      to: { path: '^adapters/', pathNot: ['^adapters/$1/'] },
    },
    {
      name: 'chat-surfaces-are-separate',
      comment: 'slack, teams and terminal share adapters/chat/shared only.',
      severity: 'error',
      from: { path: '^adapters/chat/(slack|teams|terminal)/' },
      to: { path: '^adapters/chat/(slack|teams|terminal)/', pathNot: ['^adapters/chat/$1/'] },
    },
    {
      name: 'psa-providers-are-separate',
      comment: `${PROVIDER_IDS.join(', ')} share adapters/psa/shared only.`,
      severity: 'error',
      from: { path: `^adapters/psa/(${PROVIDERS})/` },
      to: { path: `^adapters/psa/(${PROVIDERS})/`, pathNot: ['^adapters/psa/$1/'] },
    },
    {
      name: 'production-never-imports-sandbox-or-tests',
      comment: 'Code under src/ never imports the sandbox PSAs; nothing in production imports test/.',
      severity: 'error',
      from: { path: '^(src|migrations)/' },
      to: { path: '(^test/|/sandbox/)' },
    },
    {
      name: 'migrations-import-only-kysely',
      comment: 'Migrations are frozen history: they depend on kysely only.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { pathNot: ['^migrations/', 'node_modules/kysely/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
