import { LIMITS } from './block-kit-limits.js';
import { plainText, truncateEscaped } from './mrkdwn.js';

/**
 * Small Block Kit builders. Every mrkdwn string passed in must already be escaped (see
 * mrkdwn.ts); the builders only enforce lengths, so a long text is shortened, never rejected.
 */
export type Block = Readonly<Record<string, unknown>>;
export type Element = Readonly<Record<string, unknown>>;

export interface SlackMessage {
  /** Notification and screen-reader fallback; Slack wants it even when blocks are present. */
  readonly text: string;
  readonly blocks: readonly Block[];
}

export interface SlackModal {
  readonly type: 'modal';
  readonly callback_id: string;
  readonly title: Element;
  readonly blocks: readonly Block[];
  readonly submit?: Element;
  readonly close?: Element;
  readonly private_metadata?: string;
  readonly notify_on_close?: boolean;
}

export function plain(text: string, max: number): Element {
  return { type: 'plain_text', text: plainText(text, max), emoji: true };
}

export function mrkdwn(escaped: string, max: number = LIMITS.sectionText): Element {
  // verbatim: Slack does not turn bare names and addresses into mentions and links on its own.
  return { type: 'mrkdwn', text: truncateEscaped(escaped, max), verbatim: true };
}

export function header(text: string): Block {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function section(escaped: string, accessory?: Element, blockId?: string): Block {
  return {
    type: 'section',
    text: mrkdwn(escaped),
    ...(accessory === undefined ? {} : { accessory }),
    ...(blockId === undefined ? {} : { block_id: blockId }),
  };
}

export function context(...escaped: string[]): Block {
  return { type: 'context', elements: escaped.slice(0, LIMITS.contextElements).map((text) => mrkdwn(text)) };
}

export function divider(): Block {
  return { type: 'divider' };
}

export function actions(elements: readonly Element[], blockId?: string): Block {
  return {
    type: 'actions',
    elements: elements.slice(0, LIMITS.actionsElements),
    ...(blockId === undefined ? {} : { block_id: blockId }),
  };
}

export interface ConfirmText {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
  readonly deny?: string;
}

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
  confirm?: ConfirmText,
): Element {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    value,
    ...(style === undefined ? {} : { style }),
    ...(confirm === undefined
      ? {}
      : {
          confirm: {
            title: plain(confirm.title, LIMITS.confirmTitle),
            text: plain(confirm.text, LIMITS.confirmText),
            confirm: plain(confirm.confirm, LIMITS.confirmButton),
            deny: plain(confirm.deny ?? 'Back', LIMITS.confirmButton),
          },
        }),
  };
}

export function option(text: string, value: string, description?: string): Element {
  return {
    text: plain(text, LIMITS.optionText),
    value,
    ...(description === undefined ? {} : { description: plain(description, LIMITS.optionDescription) }),
  };
}

export function modalTitle(text: string): Element {
  return plain(text, LIMITS.modalTitle);
}
