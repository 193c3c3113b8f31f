import { describe, expect, it } from 'vitest';
import { idRanges } from '../../../../adapters/psa/connectwise/id-ranges.js';

const seq = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('idRanges', () => {
  it('splits the rest into contiguous ranges of equal id width, the last open-ended', () => {
    expect(idRanges(seq(1, 1000), 3890, 4)).toEqual([
      { after: 1000, upTo: 1973 },
      { after: 1973, upTo: 2946 },
      { after: 2946, upTo: 3919 },
      { after: 3919, upTo: null },
    ]);
  });

  it('scales the width by how sparse the ids were on the first page', () => {
    // 1,000 ids two apart span 1,999: 2,000 more records take about 3,998 ids, 1,999 a range.
    const ranges = idRanges(seq(10, 2008, 2), 2000, 2);
    expect(ranges).toEqual([
      { after: 2008, upTo: 4007 },
      { after: 4007, upTo: null },
    ]);
  });

  it('keeps a single open range when little is left or parallelism is 1', () => {
    expect(idRanges(seq(1, 1000), 300, 4)).toEqual([{ after: 1000, upTo: null }]);
    expect(idRanges(seq(1, 1000), 9000, 1)).toEqual([{ after: 1000, upTo: null }]);
    expect(idRanges([], 5, 4)).toEqual([{ after: 0, upTo: null }]);
  });
});
