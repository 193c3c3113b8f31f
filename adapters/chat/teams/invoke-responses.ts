import { attachment, CARD_CONTENT_TYPE, type Card } from './card-kit.js';
import { DIALOG_TITLE } from './dialog-cards.js';

/** The bodies Teams expects back from invokes. */

/** `adaptiveCard/action`: the card that replaces the one clicked, for the clicking user. */
export function cardResponse(card: Card) {
  return { statusCode: 200 as const, type: CARD_CONTENT_TYPE, value: card };
}

/** `adaptiveCard/action`: a short message; the card stays as it was (used for refusals). */
export function messageResponse(text: string) {
  return {
    statusCode: 200 as const,
    type: 'application/vnd.microsoft.activity.message' as const,
    value: text,
  };
}

/** Dialogs: show this card (the first one, or the next step). */
export function dialogCard(card: Card) {
  return {
    task: {
      type: 'continue' as const,
      value: {
        title: DIALOG_TITLE,
        width: 'medium' as const,
        height: 'large' as const,
        card: attachment(card),
      },
    },
  };
}

/** Dialogs: close with a message. */
export function dialogMessage(text: string) {
  return { task: { type: 'message' as const, value: text } };
}

/** `application/search`: typeahead results. */
export function searchResponse(results: readonly { title: string; value: string }[]) {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.search.searchResponse' as const,
    value: { results: [...results] },
  };
}
