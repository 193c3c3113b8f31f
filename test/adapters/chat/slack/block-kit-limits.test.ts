import { describe, expect, it } from 'vitest';
import {
  checkMessage,
  checkModal,
  checkOptionsResponse,
} from '../../../../adapters/chat/slack/block-kit-limits.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, actionId: string, value = 'v') => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value,
});
const option = (n: number) => ({ text: { type: 'plain_text', text: `o${n}` }, value: `v${n}` });

describe('checkMessage', () => {
  it('passes a small valid message', () => {
    expect(
      checkMessage({
        text: 'hi',
        blocks: [section('hello'), { type: 'actions', elements: [button('Go', 'a')] }],
      }),
    ).toEqual([]);
  });

  it('needs a text fallback', () => {
    expect(checkMessage({ blocks: [section('x')] })).toEqual(['text: missing text']);
  });

  it('finds each limit', () => {
    const blocks = [
      ...Array.from({ length: 50 }, (_, i) => section(`s${i}`)),
      section('x'.repeat(3001)),
      { type: 'actions', elements: [button('b'.repeat(76), 'same'), button('ok', 'same', 'v'.repeat(2001))] },
      {
        type: 'actions',
        block_id: 'b'.repeat(256),
        elements: [
          { type: 'checkboxes', action_id: 'c', options: Array.from({ length: 11 }, (_, i) => option(i)) },
        ],
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'static_select',
            action_id: 's',
            options: Array.from({ length: 101 }, (_, i) => option(i)),
          },
        ],
      },
      { type: 'section', block_id: 'dup', text: { type: 'mrkdwn', text: 'a' } },
      { type: 'section', block_id: 'dup', text: { type: 'mrkdwn', text: '' } },
    ];
    const problems = checkMessage({ text: 'x', blocks }).join('\n');
    expect(problems).toContain('blocks: 56 blocks > 50');
    expect(problems).toContain('blocks[50].text.text: 3001 characters > 3000');
    expect(problems).toContain('blocks[51].elements[0].text.text: 76 characters > 75');
    expect(problems).toContain('blocks[51].elements[1].action_id: duplicate "same"');
    expect(problems).toContain('blocks[51].elements[1].value: 2001 characters > 2000');
    expect(problems).toContain('blocks[52].block_id: 256 characters > 255');
    expect(problems).toContain('blocks[52].elements[0].options: 11 options');
    expect(problems).toContain('blocks[53].elements[0].options: 101 options');
    expect(problems).toContain('blocks[55].block_id: duplicate "dup"');
    expect(problems).toContain('blocks[55].text.text: empty text');
  });
});

describe('checkModal', () => {
  it('allows 100 blocks and refuses 101', () => {
    const modal = (n: number) => ({
      type: 'modal',
      title: { type: 'plain_text', text: 'Users' },
      blocks: Array.from({ length: n }, (_, i) => section(`s${i}`)),
    });
    expect(checkModal(modal(100))).toEqual([]);
    expect(checkModal(modal(101))).toEqual(['blocks: 101 blocks > 100']);
  });

  it('checks the title and needs submit with inputs', () => {
    const problems = checkModal({
      type: 'modal',
      title: { type: 'plain_text', text: 'A title that is far too long' },
      blocks: [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'Key' },
          element: { type: 'plain_text_input', action_id: 'v' },
        },
      ],
    });
    expect(problems).toContain('title.text: 28 characters > 24');
    expect(problems).toContain('submit: a modal with inputs needs a submit button');
  });
});

describe('checkOptionsResponse', () => {
  it('caps options at 100', () => {
    expect(checkOptionsResponse({ options: Array.from({ length: 100 }, (_, i) => option(i)) })).toEqual([]);
    expect(checkOptionsResponse({ options: Array.from({ length: 101 }, (_, i) => option(i)) })).toHaveLength(
      1,
    );
  });
});
