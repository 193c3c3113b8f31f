import type { View } from '../../../src/app/views.js';
import { renderFlowView } from '../shared/view-dispatch.js';
import { type ApprovalAudience, approvalCard } from './approval-card.js';
import type { Card } from './card-kit.js';
import { credentialsDialogCard } from './dialog-cards.js';
import { digestCard } from './digest-card.js';
import { directoryApiCard } from './directory-api-cards.js';
import { messageCard } from './message-cards.js';
import { reviewCard } from './review-card.js';
import { progressCard, resultCard } from './run-cards.js';
import { usersCard } from './users-card.js';

export interface ApprovalContext {
  readonly audience: ApprovalAudience;
  /** Who Teams refreshes the approval card for (see approval-card.ts). */
  readonly userIds: readonly string[];
}

const BASE: ApprovalContext = { audience: 'base', userIds: [] };

/** Any view as the card that shows it. Approvals need to know who is looking. */
export function cardForView(view: View, approval: ApprovalContext = BASE): Card {
  return renderFlowView(
    view,
    {
      review: reviewCard,
      users: usersCard,
      approval: (shown) => approvalCard(shown, approval.audience, approval.userIds),
      result: resultCard,
      progress: (shown) => progressCard(shown, false),
    },
    (other) => {
      switch (other.kind) {
        case 'credentials-form':
          return credentialsDialogCard(other.provider, other.fields);
        case 'digest':
          return digestCard(other);
        // Secrets reach these only in a personal chat (message-handler.ts).
        case 'api-token-created':
        case 'api-tokens':
        case 'webhook-secret':
        case 'webhooks':
          return directoryApiCard(other);
        default:
          return messageCard(other);
      }
    },
  );
}
