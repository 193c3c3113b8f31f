import { DEFAULT_PROVIDER, PROVIDER_LABELS, PROVIDERS, type Provider } from '../../../src/domain/provider.js';
import type { CredentialField } from '../../../src/ports/psa-gateway.js';
import {
  type Card,
  card,
  choiceSet,
  type Element,
  heading,
  submit,
  text,
  textInput,
  toggle,
} from './card-kit.js';
import { plain } from './markdown.js';

/**
 * The dialogs (task modules) the "Import from PSA" message extension opens. Their buttons are
 * `Action.Submit`: Teams answers them with `composeExtension/submitAction` invokes whose `data`
 * holds the inputs plus our `dialog` marker.
 */
export const DIALOG = {
  import: 'import',
  connectForm: 'connect-form',
  connect: 'connect',
  importForm: 'import-form',
} as const;

export const DIALOG_INPUT = {
  provider: 'provider',
  types: 'types',
  statuses: 'statuses',
  inactive: 'inactive',
  all: 'all',
  credential: (key: string) => `credential.${key}`,
} as const;

export const DIALOG_TITLE = 'Import from PSA';

function banner(problem: Card | null): Element[] {
  return problem === null ? [] : [...(problem.body ?? [])];
}

/** Provider and filters; empty filters mean the PSA's defaults (active client companies). */
export function importDialogCard(provider: Provider = DEFAULT_PROVIDER, problem: Card | null = null): Card {
  return card(
    [
      ...banner(problem),
      heading('Import companies and contacts from your PSA'),
      choiceSet(
        DIALOG_INPUT.provider,
        PROVIDERS.map((id) => ({ title: PROVIDER_LABELS[id], value: id })),
        { label: 'PSA', value: provider, style: 'expanded', isRequired: true },
      ),
      text('Filters. Leave them empty for the defaults: active companies of the client types.', {
        isSubtle: true,
      }),
      textInput(DIALOG_INPUT.types, 'Company types', {
        placeholder: 'e.g. Client, Prospect',
        maxLength: 300,
      }),
      textInput(DIALOG_INPUT.statuses, 'Company statuses (where the PSA has them)', {
        placeholder: 'e.g. Active',
        maxLength: 300,
      }),
      toggle(DIALOG_INPUT.inactive, 'Include inactive companies', false),
      toggle(DIALOG_INPUT.all, 'Everything: ignore the filters', false),
      text('To connect a PSA or change its credentials, press Credentials.', { isSubtle: true }),
    ],
    [
      submit('Import', { dialog: DIALOG.import }, 'positive'),
      submit('Credentials', { dialog: DIALOG.connectForm }),
    ],
  );
}

/** Credentials go into password inputs of a dialog: never into message text. */
export function credentialsDialogCard(
  provider: Provider,
  fields: readonly CredentialField[],
  problem: Card | null = null,
): Card {
  return card(
    [
      ...banner(problem),
      heading(`Connect ${PROVIDER_LABELS[provider]}`),
      text('The bot tests the connection, stores the credentials encrypted and never shows them again.', {
        isSubtle: true,
      }),
      ...fields.map((field) =>
        textInput(DIALOG_INPUT.credential(field.key), field.label, {
          placeholder: plain(field.hint, 200),
          password: field.secret,
          isRequired: !field.optional,
          maxLength: 2000,
        }),
      ),
    ],
    [
      submit('Save and test', { dialog: DIALOG.connect, provider }, 'positive'),
      submit('Back', { dialog: DIALOG.importForm, provider }),
    ],
  );
}

export interface FilterInputs {
  readonly types: string;
  readonly statuses: string;
  readonly inactive: boolean;
  readonly all: boolean;
}

function quoted(value: string): string {
  return `"${value.replaceAll('"', '').trim()}"`;
}

/** The dialog's filters in the words of `/psa import <provider> …` (see src/app/filter-text.ts). */
export function filterTextOf(inputs: FilterInputs): string {
  if (inputs.all) return 'all';
  const parts: string[] = [];
  if (inputs.inactive) parts.push('inactive');
  if (inputs.types.trim() !== '') parts.push(`type=${quoted(inputs.types)}`);
  if (inputs.statuses.trim() !== '') parts.push(`status=${quoted(inputs.statuses)}`);
  return parts.join(' ');
}
