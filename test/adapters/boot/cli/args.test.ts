import { describe, expect, it } from 'vitest';
import { CliUsageError, parseArgs } from '../../../../adapters/boot/cli/args.js';
import { thrown } from '../../../support/thrown.js';

const CANARY = 'CanaryPrivKey-91x';

function usageError(argv: string[]): CliUsageError {
  return thrown(() => parseArgs(argv), CliUsageError);
}

describe('command line arguments', () => {
  it('starts by default', () => {
    expect(parseArgs([])).toEqual({ kind: 'start' });
    expect(parseArgs(['migrate'])).toEqual({ kind: 'migrate' });
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it('reads connect with stdin or a file, and a workspace', () => {
    expect(parseArgs(['connect', 'connectwise', '--stdin'])).toEqual({
      kind: 'connect',
      provider: 'connectwise',
      source: { kind: 'stdin' },
      workspace: { platform: 'terminal', workspaceId: 'local' },
    });
    expect(
      parseArgs(['connect', 'autotask', '--file', '/run/secrets/at.json', '--workspace=slack:T0123']),
    ).toEqual({
      kind: 'connect',
      provider: 'autotask',
      source: { kind: 'file', path: '/run/secrets/at.json' },
      workspace: { platform: 'slack', workspaceId: 'T0123' },
    });
  });

  it.each([
    [['connect', 'connectwise', `privateKey=${CANARY}`]],
    [['connect', 'connectwise', '--stdin', `{"privateKey":"${CANARY}"}`]],
    [['connect', 'connectwise', '--private-key', CANARY]],
    [['connect', 'connectwise', `--secret=${CANARY}`]],
    [['connect', 'connectwise', '--stdin', CANARY]],
    [['diff', 'connectwise', `password=${CANARY}`]],
  ])('refuses a secret in the arguments without repeating it: %j', (argv) => {
    const error = usageError(argv);
    expect(error.message).toMatch(/never read from command-line arguments/);
    expect(error.message).not.toContain(CANARY);
  });

  it('does not repeat unknown options, which may be mistyped secrets', () => {
    const error = usageError(['diff', 'connectwise', `--pk=${CANARY}`]);
    expect(error.message).not.toContain(CANARY);
  });

  it('needs exactly one credential source', () => {
    expect(usageError(['connect', 'connectwise']).message).toMatch(/exactly one/);
    expect(usageError(['connect', 'connectwise', '--stdin', '--file', 'x']).message).toMatch(/exactly one/);
  });

  it('reads diff filters and format', () => {
    expect(
      parseArgs(['diff', 'connectwise', 'type=Client,Prospect', 'status=Active', '--format', 'csv']),
    ).toEqual({
      kind: 'diff',
      provider: 'connectwise',
      filterText: 'type=Client,Prospect status=Active',
      format: 'csv',
      workspace: { platform: 'terminal', workspaceId: 'local' },
    });
    expect(usageError(['diff', 'connectwise', '--format', 'xml']).message).toMatch(/json or csv/);
    expect(usageError(['diff']).message).toMatch(/usage/);
  });

  it('reads companies import and shell', () => {
    expect(parseArgs(['companies', 'import', 'list.csv'])).toMatchObject({
      kind: 'companies-import',
      file: 'list.csv',
    });
    expect(parseArgs(['shell', '--as', 'bob'])).toEqual({ kind: 'shell', actAs: 'bob' });
    expect(usageError(['companies', 'export', 'x']).message).toMatch(/usage/);
    expect(usageError(['diff', 'connectwise', '--workspace', 'nowhere']).message).toMatch(
      /platform:workspaceId/,
    );
  });
});
