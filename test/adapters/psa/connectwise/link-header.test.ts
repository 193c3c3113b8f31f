import { describe, expect, it } from 'vitest';
import { nextLink } from '../../../../adapters/psa/connectwise/link-header.js';

describe('nextLink', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['<https://h/a?page=9>; rel="last"', null],
    ['<https://h/a?pageId=5>; rel="next"', 'https://h/a?pageId=5'],
    ['<https://h/a?page=2>; rel=next', 'https://h/a?page=2'],
    [
      '<https://h/a?page=1>; rel="first", <https://h/a?conditions=id%20in%20(1,2)&page=3>; rel="next", <https://h/a?page=9>; rel="last"',
      'https://h/a?conditions=id%20in%20(1,2)&page=3',
    ],
    ['<https://h/a?page=3>; title="x"; rel="prev next"', 'https://h/a?page=3'],
  ])('reads %j', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
});
