import type { PageInfo } from '../../../../src/app/views.js';
import { actions, type Block, button, context, type Element } from '../blocks.js';
import { ACTION, encodeRef, type Ref } from '../refs.js';
import { pageLabel } from './labels.js';

/** Previous / next buttons (only those that lead somewhere) and where we are. */
export function navigation(actionName: string, paging: PageInfo, base: Ref, noun: string): Block[] {
  const buttons = [];
  if (paging.page > 0) {
    buttons.push(
      button('◀ Previous', `${actionName}:prev`, encodeRef({ ...base, p: paging.page - 1, a: 'prev' })),
    );
  }
  if (paging.page + 1 < paging.totalPages) {
    buttons.push(
      button('Next ▶', `${actionName}:next`, encodeRef({ ...base, p: paging.page + 1, a: 'next' })),
    );
  }
  const blocks: Block[] = [context(pageLabel(paging, noun))];
  if (buttons.length > 0) blocks.push(actions(buttons, encodeRef({ ...base, a: `nav-${actionName}` })));
  return blocks;
}

/** Export and Cancel, offered on the working message at every step before approval. */
export function exportAndCancel(ref: Ref): Element[] {
  return [
    button('Export CSV', ACTION.exportCsv, encodeRef(ref)),
    button('Cancel import', ACTION.cancel, encodeRef(ref), 'danger', {
      title: 'Cancel this import?',
      text: 'Your decisions are dropped and the integration is unlocked.',
      confirm: 'Cancel import',
    }),
  ];
}
