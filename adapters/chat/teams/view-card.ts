import type { View } from '../../../src/app/views.js';
import { type ApprovalAudience, approvalCard } from './approval-card.js';
import type { Card } from './card-kit.js';
import { credentialsDialogCard } from './dialog-cards.js';
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
  switch (view.kind) {
    case 'review':
      return reviewCard(view);
    case 'users':
      return usersCard(view);
    case 'approval':
      return approvalCard(view, approval.audience, approval.userIds);
    case 'result':
      return resultCard(view);
    case 'progress':
      return progressCard(view, false);
    case 'credentials-form':
      return credentialsDialogCard(view.provider, view.fields);
    // Issue 13: Teams does not parse the tokens/webhooks commands yet (see the chat shared grammar).
    case 'api-token-created':
    case 'api-tokens':
    case 'webhook-secret':
    case 'webhooks':
      return messageCard({
        kind: 'notice',
        tone: 'info',
        text: 'Manage API tokens and webhooks with /psa in Slack or the terminal.',
      });
    default:
      return messageCard(view);
  }
}
