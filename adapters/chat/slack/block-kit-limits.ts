/**
 * Checks a message or view against the Block Kit limits Slack enforces (a violation makes Slack
 * reject the whole call with `invalid_blocks`). Used by tests on every call the bot makes, and
 * cheap enough to run in production before sending.
 */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionValue: 2000,
  actionId: 255,
  blockId: 255,
  checkboxOptions: 10,
  staticOptions: 100,
  overflowOptionsMin: 1,
  overflowOptionsMax: 5,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  placeholder: 150,
  inputLabel: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  messageText: 40000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

class Checker {
  readonly violations: string[] = [];
  private readonly actionIds = new Set<string>();
  private readonly blockIds = new Set<string>();

  fail(path: string, problem: string): void {
    this.violations.push(`${path}: ${problem}`);
  }

  length(path: string, value: unknown, max: number, required = true): void {
    if (typeof value !== 'string') {
      if (required || value !== undefined) this.fail(path, 'missing text');
      return;
    }
    if (required && value.length === 0) this.fail(path, 'empty text');
    if (value.length > max) this.fail(path, `${value.length} characters > ${max}`);
  }

  textObject(path: string, value: unknown, max: number, plainOnly = false): void {
    if (!isObject(value)) {
      this.fail(path, 'missing text object');
      return;
    }
    if (value.type !== 'plain_text' && (plainOnly || value.type !== 'mrkdwn')) {
      this.fail(`${path}.type`, `unexpected ${String(value.type)}`);
    }
    this.length(`${path}.text`, value.text, max);
  }

  option(path: string, value: unknown): void {
    if (!isObject(value)) {
      this.fail(path, 'missing option');
      return;
    }
    this.textObject(`${path}.text`, value.text, LIMITS.optionText);
    this.length(`${path}.value`, value.value, LIMITS.optionValue);
    if (value.description !== undefined)
      this.textObject(`${path}.description`, value.description, LIMITS.optionDescription);
  }

  options(path: string, value: unknown, max: number, min = 1): void {
    const options = asArray(value);
    if (options.length < min || options.length > max)
      this.fail(path, `${options.length} options, allowed ${min}..${max}`);
    for (const [index, option] of options.entries()) this.option(`${path}[${index}]`, option);
  }

  confirm(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!isObject(value)) {
      this.fail(path, 'malformed confirm');
      return;
    }
    this.textObject(`${path}.title`, value.title, LIMITS.confirmTitle, true);
    this.textObject(`${path}.text`, value.text, LIMITS.confirmText);
    this.textObject(`${path}.confirm`, value.confirm, LIMITS.confirmButton, true);
    this.textObject(`${path}.deny`, value.deny, LIMITS.confirmButton, true);
  }

  element(path: string, value: unknown): void {
    if (!isObject(value)) {
      this.fail(path, 'missing element');
      return;
    }
    if (typeof value.action_id === 'string') {
      this.length(`${path}.action_id`, value.action_id, LIMITS.actionId);
      if (this.actionIds.has(value.action_id))
        this.fail(`${path}.action_id`, `duplicate "${value.action_id}"`);
      this.actionIds.add(value.action_id);
    }
    if (value.placeholder !== undefined)
      this.textObject(`${path}.placeholder`, value.placeholder, LIMITS.placeholder, true);
    this.confirm(`${path}.confirm`, value.confirm);
    switch (value.type) {
      case 'button':
        this.textObject(`${path}.text`, value.text, LIMITS.buttonText, true);
        this.length(`${path}.value`, value.value, LIMITS.actionValue, false);
        break;
      case 'checkboxes':
      case 'radio_buttons':
        this.options(`${path}.options`, value.options, LIMITS.checkboxOptions);
        break;
      case 'static_select':
        if (value.option_groups !== undefined) {
          const groups = asArray(value.option_groups);
          if (groups.length > LIMITS.staticOptions)
            this.fail(`${path}.option_groups`, `${groups.length} groups`);
          groups.forEach((group, index) => {
            if (isObject(group))
              this.options(`${path}.option_groups[${index}].options`, group.options, LIMITS.staticOptions);
          });
        } else {
          this.options(`${path}.options`, value.options, LIMITS.staticOptions);
        }
        break;
      case 'overflow':
        this.options(`${path}.options`, value.options, LIMITS.overflowOptionsMax, LIMITS.overflowOptionsMin);
        break;
      case 'external_select':
      case 'plain_text_input':
      case 'users_select':
      case 'conversations_select':
      case 'channels_select':
        break;
      case 'image':
        this.length(`${path}.alt_text`, value.alt_text, 2000);
        break;
      default:
        this.fail(`${path}.type`, `unexpected element ${String(value.type)}`);
    }
    if (value.initial_option !== undefined) this.option(`${path}.initial_option`, value.initial_option);
    for (const [index, option] of asArray(value.initial_options).entries()) {
      this.option(`${path}.initial_options[${index}]`, option);
    }
  }

  block(path: string, value: unknown): void {
    if (!isObject(value)) {
      this.fail(path, 'missing block');
      return;
    }
    if (value.block_id !== undefined) {
      this.length(`${path}.block_id`, value.block_id, LIMITS.blockId);
      const id = String(value.block_id);
      if (this.blockIds.has(id)) this.fail(`${path}.block_id`, `duplicate "${id}"`);
      this.blockIds.add(id);
    }
    switch (value.type) {
      case 'section': {
        if (value.text === undefined && value.fields === undefined)
          this.fail(path, 'section without text or fields');
        if (value.text !== undefined) this.textObject(`${path}.text`, value.text, LIMITS.sectionText);
        const fields = asArray(value.fields);
        if (fields.length > LIMITS.sectionFields) this.fail(`${path}.fields`, `${fields.length} fields`);
        for (const [index, field] of fields.entries()) {
          this.textObject(`${path}.fields[${index}]`, field, LIMITS.fieldText);
        }
        if (value.accessory !== undefined) this.element(`${path}.accessory`, value.accessory);
        break;
      }
      case 'header':
        this.textObject(`${path}.text`, value.text, LIMITS.headerText, true);
        break;
      case 'context': {
        const elements = asArray(value.elements);
        if (elements.length === 0 || elements.length > LIMITS.contextElements) {
          this.fail(`${path}.elements`, `${elements.length} elements`);
        }
        elements.forEach((element, index) => {
          if (isObject(element) && element.type === 'image')
            this.element(`${path}.elements[${index}]`, element);
          else this.textObject(`${path}.elements[${index}]`, element, LIMITS.sectionText);
        });
        break;
      }
      case 'actions': {
        const elements = asArray(value.elements);
        if (elements.length === 0 || elements.length > LIMITS.actionsElements) {
          this.fail(`${path}.elements`, `${elements.length} elements`);
        }
        for (const [index, element] of elements.entries())
          this.element(`${path}.elements[${index}]`, element);
        break;
      }
      case 'input':
        this.textObject(`${path}.label`, value.label, LIMITS.inputLabel, true);
        if (value.hint !== undefined) this.textObject(`${path}.hint`, value.hint, LIMITS.inputLabel, true);
        this.element(`${path}.element`, value.element);
        break;
      case 'divider':
        break;
      default:
        this.fail(`${path}.type`, `unexpected block ${String(value.type)}`);
    }
  }

  blocks(value: unknown, max: number): void {
    const blocks = asArray(value);
    if (blocks.length > max) this.fail('blocks', `${blocks.length} blocks > ${max}`);
    for (const [index, block] of blocks.entries()) this.block(`blocks[${index}]`, block);
  }
}

/** A message (chat.postMessage, chat.update, chat.postEphemeral, a response_url reply). */
export function checkMessage(message: { readonly text?: unknown; readonly blocks?: unknown }): string[] {
  const checker = new Checker();
  checker.length('text', message.text, LIMITS.messageText);
  if (message.blocks !== undefined) checker.blocks(message.blocks, LIMITS.messageBlocks);
  return checker.violations;
}

/** A modal view (views.open, views.update, views.push, or a view_submission `update`). */
export function checkModal(view: unknown): string[] {
  const checker = new Checker();
  if (!isObject(view)) return ['view: missing'];
  if (view.type !== 'modal') checker.fail('type', `expected modal, got ${String(view.type)}`);
  checker.textObject('title', view.title, LIMITS.modalTitle, true);
  if (view.submit !== undefined) checker.textObject('submit', view.submit, LIMITS.modalButton, true);
  if (view.close !== undefined) checker.textObject('close', view.close, LIMITS.modalButton, true);
  checker.length('private_metadata', view.private_metadata, LIMITS.privateMetadata, false);
  checker.length('callback_id', view.callback_id, LIMITS.callbackId, false);
  checker.blocks(view.blocks, LIMITS.modalBlocks);
  const hasInput = asArray(view.blocks).some((block) => isObject(block) && block.type === 'input');
  if (hasInput && view.submit === undefined)
    checker.fail('submit', 'a modal with inputs needs a submit button');
  return checker.violations;
}

/** The answer to an options load (external_select typeahead). */
export function checkOptionsResponse(response: { readonly options?: unknown }): string[] {
  const checker = new Checker();
  checker.options('options', response.options ?? [], LIMITS.staticOptions, 0);
  return checker.violations;
}
