import type { Ineligibility } from './decisions.js';

/** The red X, in words. Quoted names are untrusted PSA or directory text: renderers escape them. */
export function ineligibilityText(reason: Ineligibility): string {
  switch (reason.code) {
    case 'no-email':
      return 'No email address';
    case 'inactive':
      return 'Inactive in the PSA';
    case 'email-taken':
      return `Email already belongs to a user of "${reason.companyName}"`;
    case 'email-repeated':
      return `Same email as "${reason.otherContactName}" of "${reason.otherCompanyName}", who comes first`;
  }
}
