import type { View } from '../../../../src/app/views.js';
import type { SlackMessage } from '../blocks.js';
import { renderApproval, renderResult } from './approval-message.js';
import { renderProgress } from './progress-message.js';
import { renderReview } from './review-message.js';
import { renderError, renderSimpleView } from './simple-views.js';
import { renderUsersOverview } from './users-message.js';

/** Any view as a thread message (the working message shows review, users or progress). */
export function renderThreadMessage(view: View): SlackMessage {
  switch (view.kind) {
    case 'review':
      return renderReview(view);
    case 'users':
      return renderUsersOverview(view);
    case 'approval':
      return renderApproval(view);
    case 'result':
      return renderResult(view, null);
    case 'progress':
      return renderProgress(view);
    default:
      return renderSimpleView(view) ?? renderError('internal');
  }
}
