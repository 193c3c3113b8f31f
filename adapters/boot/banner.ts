import type { CredentialField } from '../../src/ports/psa-gateway.js';
import { AUTOTASK_FIELDS } from '../psa/autotask/autotask-provider.js';
import { CONNECTWISE_FIELDS } from '../psa/connectwise/connectwise-provider.js';
import type { SandboxPsas } from './sandbox-psas.js';

function fieldLines(fields: readonly CredentialField[], values: Readonly<Record<string, string>>): string[] {
  const width = Math.max(...fields.map((f) => f.label.length));
  return fields.map(
    (field) => `      ${field.label.padEnd(width, ' ')}  ${values[field.key] ?? '(leave empty)'}`,
  );
}

export interface BannerInput {
  readonly actor: string;
  readonly databaseLabel: string;
  readonly logFile: string;
  readonly sandbox: SandboxPsas | null;
  readonly canSwitch: boolean;
}

/** What a newcomer reads first: where things are and what to type. */
export function terminalBanner(input: BannerInput): string {
  const lines = [
    `psa-import terminal chat · database ${input.databaseLabel} · log ${input.logFile}`,
    `You are ${input.actor}.${input.canSwitch ? ' The second admin is bob: type `/as bob` to switch, `/as alice` to switch back.' : ''}`,
  ];
  if (input.sandbox !== null) {
    lines.push(
      'The PSAs are sandboxes on this machine (sample data, not a real PSA).',
      'Type first:',
      '  /psa connect connectwise     and answer with these sandbox values:',
      ...fieldLines(CONNECTWISE_FIELDS, input.sandbox.connectwise.credentials),
      '  /psa import connectwise',
      '  /psa help                    every command',
      '  Autotask sandbox: /psa connect autotask with',
      ...fieldLines(AUTOTASK_FIELDS, input.sandbox.autotask.credentials),
    );
    if (input.sandbox.movedPort) {
      lines.push(
        '  (port 4010 was busy, so the ConnectWise sandbox moved: connect again with the site above)',
      );
    }
  } else {
    lines.push('Type `/psa help` for the commands, `/psa status` for what is going on.');
  }
  return `${lines.join('\n')}\n`;
}
