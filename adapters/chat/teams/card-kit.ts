import type {
  CardElement,
  IActionSet,
  IAdaptiveCard,
  IChoiceSetInput,
  IColumnSet,
  IContainer,
  IExecuteAction,
  IFactSet,
  InputTextStyle,
  ISubmitAction,
  ITextBlock,
  ITextInput,
  IToggleInput,
  TextColor,
  TextSize,
  TextWeight,
} from '@microsoft/teams.cards';

/**
 * Small builders for the Adaptive Card 1.5 subset Teams renders. Plain objects typed with the
 * `@microsoft/teams.cards` interfaces: the library's builder classes also emit properties newer
 * than 1.5 (`isSortKey`, `conditionallyEnabled`, …) that the 1.5 schema rejects.
 */

export type Card = IAdaptiveCard;
export type Element = CardElement;
export type Action = IExecuteAction | ISubmitAction;

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';

export interface CardAttachment {
  readonly contentType: typeof CARD_CONTENT_TYPE;
  readonly content: Card;
}

export function card(body: readonly Element[], actions: readonly Action[] = []): Card {
  const result: Card = { type: 'AdaptiveCard', version: CARD_VERSION, body: [...body] };
  if (actions.length > 0) result.actions = [...actions];
  return result;
}

export function attachment(content: Card): CardAttachment {
  return { contentType: CARD_CONTENT_TYPE, content };
}

export interface TextOptions {
  readonly size?: TextSize;
  readonly weight?: TextWeight;
  readonly color?: TextColor;
  readonly isSubtle?: boolean;
  readonly spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  readonly separator?: boolean;
}

/** `text` is markdown: escape untrusted parts with `md()` before they get here. */
export function text(markdown: string, options: TextOptions = {}): ITextBlock {
  return { type: 'TextBlock', text: markdown, wrap: true, ...options };
}

export function heading(markdown: string): ITextBlock {
  return text(markdown, { size: 'Medium', weight: 'Bolder' });
}

/** Fact titles are ours; values are markdown (escape untrusted parts). */
export function facts(pairs: readonly (readonly [string, string])[]): IFactSet {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}

export function container(
  items: readonly Element[],
  options: { separator?: boolean; style?: 'emphasis' } = {},
): IContainer {
  return { type: 'Container', items: [...items], ...options };
}

export function columns(cells: readonly (readonly Element[])[]): IColumnSet {
  return {
    type: 'ColumnSet',
    columns: cells.map((items, index) => ({
      type: 'Column',
      width: index === 0 ? 'stretch' : 'auto',
      items: [...items],
    })),
  };
}

export function actionSet(actions: readonly Action[]): IActionSet {
  return { type: 'ActionSet', actions: [...actions] };
}

export interface ExecuteOptions {
  readonly style?: 'positive' | 'destructive';
  /** Whether the card's inputs travel with the click (the 1.5 default is `auto`). */
  readonly inputs?: 'auto' | 'none';
}

/** An `Action.Execute`: Teams answers it with an `adaptiveCard/action` invoke carrying `data`. */
export function execute(
  title: string,
  verb: string,
  data: Readonly<Record<string, unknown>>,
  options: ExecuteOptions = {},
): IExecuteAction {
  const action: IExecuteAction = { type: 'Action.Execute', title, verb, data: { ...data } };
  if (options.style !== undefined) action.style = options.style;
  if (options.inputs === 'none') action.associatedInputs = 'none';
  return action;
}

/** An `Action.Submit`, for dialogs (task modules), which answer with `submitAction` invokes. */
export function submit(
  title: string,
  data: Readonly<Record<string, unknown>>,
  style?: 'positive',
): ISubmitAction {
  const action: ISubmitAction = { type: 'Action.Submit', title, data: { ...data } };
  if (style !== undefined) action.style = style;
  return action;
}

export interface Choice {
  readonly title: string;
  readonly value: string;
}

export function choiceSet(
  id: string,
  choices: readonly Choice[],
  options: { label?: string; value?: string; expanded?: boolean; isRequired?: boolean } = {},
): IChoiceSetInput {
  const input: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id,
    choices: choices.map((choice) => ({ title: choice.title, value: choice.value })),
    style: options.expanded === true ? 'expanded' : 'compact',
  };
  if (options.label !== undefined) input.label = options.label;
  if (options.value !== undefined) input.value = options.value;
  if (options.isRequired === true) input.isRequired = true;
  return input;
}

/**
 * A typeahead picker: Teams sends `application/search` invokes with the typed text for `dataset`
 * and shows the results (Teams' dynamic typeahead; not in the 1.5 schema, see adaptive-card-schema
 * in the tests).
 */
export function typeahead(id: string, dataset: string, label: string, placeholder: string): IChoiceSetInput {
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    placeholder,
    style: 'filtered',
    choices: [],
    'choices.data': { type: 'Data.Query', dataset },
  };
}

export function textInput(
  id: string,
  label: string,
  options: {
    placeholder?: string;
    value?: string;
    password?: boolean;
    isRequired?: boolean;
    maxLength?: number;
  } = {},
): ITextInput {
  const input: ITextInput = { type: 'Input.Text', id, label };
  if (options.placeholder !== undefined) input.placeholder = options.placeholder;
  if (options.value !== undefined) input.value = options.value;
  // The 1.5 schema spells the style in lower case; `.cards` types it in Pascal case, and Teams
  // reads either.
  if (options.password === true) input.style = 'password' as InputTextStyle;
  if (options.isRequired === true) input.isRequired = true;
  if (options.maxLength !== undefined) input.maxLength = options.maxLength;
  return input;
}

export function toggle(id: string, title: string, value: boolean): IToggleInput {
  return {
    type: 'Input.Toggle',
    id,
    title,
    value: value ? 'true' : 'false',
    valueOn: 'true',
    valueOff: 'false',
  };
}
