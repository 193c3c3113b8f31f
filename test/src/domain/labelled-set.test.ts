import { describe, expect, it } from 'vitest';
import { scoreMatching } from '../../fixtures/company-names/score-matching.js';

/** The acceptance targets on the labelled set (figures are printed by `npm run bench -- matching`). */
describe('labelled set', () => {
  const score = scoreMatching();
  const kinds = new Map(score.kinds.map((kind) => [kind.kind, kind]));

  it('finds same-name variants (recall >= 0.99) as the same name', () => {
    for (const kind of score.kinds.filter((k) => k.kind.startsWith('same'))) {
      expect({ kind: kind.kind, recall: kind.recall >= 0.99 }).toEqual({ kind: kind.kind, recall: true });
    }
  });

  it('finds typos and other similar names (recall >= 0.8) as similar', () => {
    for (const kind of score.kinds.filter((k) => k.kind.startsWith('similar'))) {
      expect({ kind: kind.kind, recall: kind.recall >= 0.8 }).toEqual({ kind: kind.kind, recall: true });
    }
  });

  it('flags at most 1 % of hard negatives and of other companies', () => {
    for (const name of ['negative: hard', 'negative: other company'] as const) {
      const kind = kinds.get(name);
      expect(kind).toBeDefined();
      expect((kind?.falseFlags ?? 1) / (kind?.rows ?? 1)).toBeLessThanOrEqual(0.01);
    }
  });

  it('lists every candidate of an ambiguous row, pre-selects none, and names what differs', () => {
    expect(score.ambiguousRows).toBeGreaterThan(0);
    expect(score.ambiguousIncomplete).toBe(0);
    expect(score.ambiguousPreselected).toBe(0);
    expect(score.vagueReasons).toEqual([]);
  });
});
