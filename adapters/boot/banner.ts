import { PROVIDERS, type Provider, providerInfo } from '../../src/domain/provider.js';
import type { CredentialField } from '../../src/ports/psa-gateway.js';
import { AUTOTASK_FIELDS } from '../psa/autotask/autotask-provider.js';
import { CONNECTWISE_FIELDS } from '../psa/connectwise/connectwise-provider.js';
import { HALOPSA_FIELDS } from '../psa/halopsa/halo-provider.js';
import type { SandboxPsas } from './sandbox-psas.js';

/** Every provider's form, so a provider added to the registry is a build error here until shown. */
const FIELDS: Readonly<Record<Provider, readonly CredentialField[]>> = {
  connectwise: CONNECTWISE_FIELDS,
  autotask: AUTOTASK_FIELDS,
  halopsa: HALOPSA_FIELDS,
};

function sandboxValues(sandbox: SandboxPsas, provider: Provider): Readonly<Record<string, string>> {
  return sandbox[provider].credentials;
}

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
      ...fieldLines(FIELDS.connectwise, sandboxValues(input.sandbox, 'connectwise')),
      '  /psa import connectwise',
      '  /psa help                    every command',
    );
    for (const provider of PROVIDERS.filter((id) => id !== 'connectwise')) {
      lines.push(
        `  ${providerInfo(provider).shortLabel} sandbox: /psa connect ${provider} with`,
        ...fieldLines(FIELDS[provider], sandboxValues(input.sandbox, provider)),
      );
    }
    if (input.sandbox.movedPort) {
      lines.push(
        '  (a usual sandbox port was busy, so a sandbox moved: connect again with the address above)',
      );
    }
  } else {
    lines.push('Type `/psa help` for the commands, `/psa status` for what is going on.');
  }
  return `${lines.join('\n')}\n`;
}
