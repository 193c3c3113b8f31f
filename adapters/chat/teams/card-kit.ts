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

/**
 * Teams lays a row of buttons out side by side and cuts every title that does not fit (at 360 px
 * on a phone, four buttons already do not). Buttons therefore go in rows of at most `perRow`.
 */
export function buttonRows(actions: readonly Action[], perRow = 2): IActionSet[] {
  const rows: IActionSet[] = [];
  for (let index = 0; index < actions.length; index += perRow)
    rows.push(actionSet(actions.slice(index, index + perRow)));
  return rows;
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

export interface ChoiceSetOptions {
  readonly label?: string;
  readonly value?: string;
  readonly placeholder?: string;
  /** `filtered` is Teams' static typeahead (1.5): a search box over the listed choices. */
  readonly style?: 'compact' | 'expanded' | 'filtered';
  readonly isRequired?: boolean;
}

/**
 * A choice input. The renderer flags an empty `choices` and a choice whose value is empty, so
 * "nothing picked" is the placeholder, never a choice of its own.
 */
export function choiceSet(
  id: string,
  choices: readonly Choice[],
  options: ChoiceSetOptions = {},
): IChoiceSetInput {
  const input: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id,
    choices: choices
      .filter((choice) => choice.value !== '')
      .map((choice) => ({ title: choice.title, value: choice.value })),
    style: options.style ?? 'compact',
  };
  if (options.label !== undefined) input.label = options.label;
  if (options.placeholder !== undefined) input.placeholder = options.placeholder;
  if (options.value !== undefined && options.value !== '') input.value = options.value;
  if (options.isRequired === true) {
    input.isRequired = true;
    input.errorMessage = `Pick ${options.label ?? 'one'}`;
  }
  return input;
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
  if (options.isRequired === true) {
    input.isRequired = true;
    input.errorMessage = `${label} is needed`;
  }
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

/**
 * Teams refuses a message over about 28 KB, the activity around the card included. Cards that list
 * untrusted text keep under this budget: see `fitted`.
 */
export const CARD_BUDGET_BYTES = 26 * 1024;

export function cardBytes(content: Card): number {
  return Buffer.byteLength(JSON.stringify(content), 'utf8');
}

/**
 * Builds the card with the first level of detail (text caps, rows of extra detail) that fits the
 * budget. The last level must fit whatever the text: the renderer test builds the worst page
 * (longest names, four-byte characters, every list full) and checks it.
 */
export function fitted<Level>(levels: readonly [Level, ...Level[]], build: (level: Level) => Card): Card {
  let built = build(levels[0]);
  for (const level of levels.slice(1)) {
    if (cardBytes(built) <= CARD_BUDGET_BYTES) return built;
    built = build(level);
  }
  return built;
}
