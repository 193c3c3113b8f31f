import type { SentActivity } from '../fakes/bot-connector.js';

/** Reading Adaptive Cards the way a Teams user would: texts, inputs, buttons. */

export type Json = Record<string, unknown>;

export function cardOfActivity(body: Json): Json | null {
  const attachments = body.attachments;
  if (!Array.isArray(attachments)) return null;
  const first = attachments[0] as Json | undefined;
  return first?.contentType === 'application/vnd.microsoft.card.adaptive' ? (first.content as Json) : null;
}

function walk(node: unknown, visit: (element: Json) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const element = node as Json;
  visit(element);
  for (const key of ['refresh', 'action', 'body', 'items', 'columns', 'actions', 'facts'])
    walk(element[key], visit);
}

/** Every TextBlock text and fact of the card, one per line (markdown escapes kept). */
export function textOf(card: Json): string {
  const lines: string[] = [];
  walk(card, (element) => {
    if (element.type === 'TextBlock' && typeof element.text === 'string') lines.push(element.text);
    if (
      typeof element.title === 'string' &&
      typeof element.value === 'string' &&
      element.type === undefined
    ) {
      lines.push(`${element.title}: ${element.value}`);
    }
  });
  return lines.join('\n');
}

export interface CardInput {
  readonly id: string;
  readonly type: string;
  readonly value?: string;
  readonly choices: { title: string; value: string }[];
  readonly element: Json;
}

export function inputsOf(card: Json): CardInput[] {
  const inputs: CardInput[] = [];
  walk(card, (element) => {
    if (
      typeof element.type === 'string' &&
      element.type.startsWith('Input.') &&
      typeof element.id === 'string'
    ) {
      inputs.push({
        id: element.id,
        type: element.type,
        ...(typeof element.value === 'string' ? { value: element.value } : {}),
        choices: Array.isArray(element.choices)
          ? (element.choices as { title: string; value: string }[])
          : [],
        element,
      });
    }
  });
  return inputs;
}

export interface CardButton {
  readonly type: string;
  readonly title: string;
  readonly verb?: string;
  readonly data: Json;
}

export function buttonsOf(card: Json): CardButton[] {
  const buttons: CardButton[] = [];
  walk(card, (element) => {
    if (element.type === 'Action.Execute' || element.type === 'Action.Submit') {
      buttons.push({
        type: element.type,
        title: String(element.title ?? ''),
        ...(typeof element.verb === 'string' ? { verb: element.verb } : {}),
        data: (element.data ?? {}) as Json,
      });
    }
  });
  return buttons;
}

/** The first button with this title, or the first the predicate picks. */
export function button(card: Json, title: string | ((candidate: CardButton) => boolean)): CardButton {
  const pick = typeof title === 'string' ? (candidate: CardButton) => candidate.title === title : title;
  const found = buttonsOf(card).find(pick);
  if (found === undefined) {
    throw new Error(
      `no "${title}" button; buttons: ${buttonsOf(card)
        .map((b) => b.title)
        .join(', ')}`,
    );
  }
  return found;
}

/** The values Teams would merge into a click's data: each input's current value, then changes. */
export function inputValues(card: Json, changes: Json = {}): Json {
  const values: Json = {};
  for (const input of inputsOf(card)) if (input.value !== undefined) values[input.id] = input.value;
  return { ...values, ...changes };
}

/** Every card the bot sent to the connector (posts and updates). */
export function sentCards(sent: readonly SentActivity[]): Json[] {
  return sent.map((activity) => cardOfActivity(activity.body)).filter((card): card is Json => card !== null);
}
