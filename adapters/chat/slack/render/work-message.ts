import type { View } from '../../../../src/app/views.js';
import { renderFlowView } from '../../shared/view-dispatch.js';
import type { SlackMessage } from '../blocks.js';
import { renderApproval, renderResult } from './approval-message.js';
import { renderProgress } from './progress-message.js';
import { renderReview } from './review-message.js';
import { renderError, renderSimpleView } from './simple-views.js';
import { renderUsersOverview } from './users-message.js';

/** Any view as a thread message (the working message shows review, users or progress). */
export function renderThreadMessage(view: View): SlackMessage {
  return renderFlowView(
    view,
    {
      review: renderReview,
      users: renderUsersOverview,
      approval: renderApproval,
      result: (result) => renderResult(result, null),
      progress: renderProgress,
    },
    (other) => renderSimpleView(other) ?? renderError('internal'),
  );
}
