import { describe, expect, it } from 'vitest';
import { CARD_BUDGET_BYTES, type Card, cardBytes } from '../../../../adapters/chat/teams/card-kit.js';
import { REVIEW_PAGE_SIZE } from '../../../../adapters/chat/teams/paging.js';
import { reviewCard } from '../../../../adapters/chat/teams/review-card.js';
import {
  duplicateRow,
  foundCompanies,
  HOSTILE,
  mappedRow,
  reviewRow,
  reviewView,
  worstSearch,
} from '../../../fixtures/sample-views.js';
import { adaptiveCardProblems } from '../../../support/adaptive-card-schema.js';
import { buttonsOf, inputsOf, type Json, textOf } from '../../../support/teams-cards.js';

const rows = [duplicateRow, mappedRow, reviewRow(1, { name: HOSTILE }), reviewRow(3)];

function asJson(card: Card): Json {
  return JSON.parse(JSON.stringify(card)) as Json;
}

function listOf(card: Card, psaCompanyId: number) {
  return inputsOf(asJson(card)).find((input) => input.id === `company-${psaCompanyId}`);
}

describe("a review row's Find a managed company", () => {
  it('offers a text box and a Find button on rows that can be mapped, not on kept rows', () => {
    const card = asJson(reviewCard(reviewView(rows)));
    const boxes = inputsOf(card).filter((input) => input.type === 'Input.Text');
    expect(boxes.map((box) => box.id)).toEqual(['find-7', 'find-1', 'find-3']);
    expect(boxes[0]?.element.placeholder).toBe('Find a managed company');
    const finds = buttonsOf(card).filter((button) => button.title === 'Find');
    expect(finds.map((find) => [find.verb, find.data.company])).toEqual([
      ['find-company', 7],
      ['find-company', 1],
      ['find-company', 3],
    ]);
    // The page's choices travel as inputs: the button itself carries no decisions.
    expect(finds[0]?.data).toEqual({ runId: 'run-1', page: 1, company: 7 });
    expect(adaptiveCardProblems(reviewCard(reviewView(rows)))).toEqual([]);
  });

  it("adds the matches to that row's list only, inert, picking none of them", () => {
    const before = reviewCard(reviewView(rows));
    const card = reviewCard(reviewView(rows), {
      search: { psaCompanyId: 3, query: 'northw', matches: foundCompanies },
      pending: {},
    });
    const list = listOf(card, 3);
    const added = list?.choices.slice(listOf(before, 3)?.choices.length);
    expect(added?.map((choice) => choice.value)).toEqual(['map:mc-n1', 'map:mc-n2', 'map:mc-n3']);
    expect(added?.[0]?.title).toBe('Map to Northwind Traders');
    // A choice title is shown verbatim: one line, links broken, no markdown to escape.
    expect(added?.[1]?.title).not.toContain('https://evil');
    expect(added?.[1]?.title).not.toContain('www.evil.example');
    expect(list?.value).toBe('create');
    expect(listOf(card, 1)?.choices).toEqual(listOf(before, 1)?.choices);
    expect(inputsOf(asJson(card)).find((input) => input.id === 'find-3')?.value).toBe('northw');
    expect(textOf(asJson(card))).toContain('3 found for "northw", added to the list below.');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('says so on the row when nothing matches, with the search text escaped', () => {
    const card = reviewCard(reviewView(rows), {
      search: { psaCompanyId: 1, query: HOSTILE, matches: [] },
      pending: {},
    });
    const said = textOf(asJson(card))
      .split('\n')
      .find((line) => line.startsWith('No managed company matches'));
    expect(said).toBeDefined();
    expect(said).not.toContain('[Pay here](');
    expect(said).not.toContain('**URGENT**');
    expect(listOf(card, 1)?.choices).toEqual(listOf(reviewCard(reviewView(rows)), 1)?.choices);
  });

  it('keeps the unsaved choices of the page when they are still choices, else the saved ones', () => {
    const card = reviewCard(reviewView(rows), {
      search: { psaCompanyId: 3, query: 'northw', matches: foundCompanies },
      pending: { '1': 'skip', '3': 'delete-everything' },
    });
    expect(listOf(card, 1)?.value).toBe('skip');
    expect(listOf(card, 3)?.value).toBe('create');
    // What the page saved is unchanged, so Save sends the kept choice as a change.
    const save = buttonsOf(asJson(card)).find((button) => button.title === 'Save');
    expect(save?.data.rows).toMatchObject({ '1': 'create' });
  });

  it('stays under the size limit with the most matches on the fullest page of the longest rows', () => {
    const { view, search } = worstSearch(REVIEW_PAGE_SIZE);
    const card = reviewCard(view, { search, pending: {} });
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(listOf(card, search.psaCompanyId)?.choices.some((c) => c.value.startsWith('map:mc-fff'))).toBe(
      true,
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
