import type {
  ContactRowView,
  MapCandidate,
  ReviewRowView,
  ReviewView,
  UsersView,
} from '../../../src/app/views.js';
import { itemNumber } from './render-common.js';

/**
 * Remembers what the numbers printed in the last lists stand for, so `decide 3 skip` or `users 2`
 * reach the row the admin saw. Pages accumulate: a row seen on page 1 keeps its number after
 * `review 2`. A new import, or another company's contacts, starts afresh.
 */
export class ListMemory {
  runId: string | null = null;
  reviewPage = 0;
  readonly reviewRows = new Map<number, ReviewRowView>();
  /** Users overview: number → PSA company id. */
  readonly userCompanies = new Map<number, { readonly psaCompanyId: number; readonly name: string }>();
  /** The company whose contacts were shown last (null: the overview), and its page. */
  usersCompany: number | null = null;
  usersPage = 0;
  readonly contacts = new Map<number, ContactRowView>();
  /** The existing users last listed as `u1`, `u2`… for `map-user <contact#> u<n>`. */
  mapCandidates: readonly MapCandidate[] = [];
  /** `@n` in `decide <row#> map @n`: the last `/psa companies` list. */
  listedCompanies: readonly { readonly id: string; readonly name: string }[] = [];
  lastList: 'review' | 'users' | null = null;
  /** The version of each approval shown, kept across runs: `approve` is checked against it. */
  readonly approvalVersions = new Map<string, number>();

  /** A finished run is forgotten, so the next command finds the import that is open now. */
  forgetRun(): void {
    this.startRun(null);
  }

  startRun(runId: string | null): void {
    if (this.runId === runId) return;
    this.runId = runId;
    this.reviewPage = 0;
    this.reviewRows.clear();
    this.userCompanies.clear();
    this.contacts.clear();
    this.usersCompany = null;
    this.usersPage = 0;
  }

  rememberReview(view: ReviewView): void {
    this.startRun(view.run.runId);
    this.reviewPage = view.paging.page;
    view.rows.forEach((row, index) => {
      this.reviewRows.set(itemNumber(view.paging, index), row);
    });
    this.lastList = 'review';
  }

  rememberUsers(view: UsersView): void {
    this.startRun(view.run.runId);
    this.lastList = 'users';
    this.usersPage = view.paging.page;
    if (view.company === null) {
      this.usersCompany = null;
      view.companies.forEach((company, index) => {
        this.userCompanies.set(itemNumber(view.paging, index), company);
      });
      return;
    }
    if (this.usersCompany !== view.company.psaCompanyId) this.contacts.clear();
    this.mapCandidates = view.mapCandidates ?? [];
    this.usersCompany = view.company.psaCompanyId;
    view.contacts.forEach((contact, index) => {
      this.contacts.set(itemNumber(view.paging, index), contact);
    });
  }

  /** The number a PSA company was printed with, for confirmations. */
  reviewNumberOf(psaCompanyId: number): number | null {
    for (const [n, row] of this.reviewRows) if (row.psaCompanyId === psaCompanyId) return n;
    return null;
  }
}
