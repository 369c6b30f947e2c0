import { describe, expect, it } from 'vitest';
import { nextToken, type Pagination } from './profile.js';
import type { Operation } from './types.js';

const op = {} as Operation;
const token: Pagination = {
  op,
  style: 'token',
  cursorParam: 'page_token',
  itemsField: 'items',
  nextField: 'next_page_token',
};
const link: Pagination = { op, style: 'link', cursorParam: 'page', itemsField: 'items' };

describe('nextToken: the next page from a body member or an RFC 8288 Link header', () => {
  it.each([
    [
      'token: next member',
      { p: token, json: { next_page_token: 'abc' }, headers: {}, want: { token: 'abc' } },
    ],
    ['token: null ends the walk', { p: token, json: { next_page_token: null }, headers: {}, want: {} }],
    [
      'token: a number is a problem',
      {
        p: token,
        json: { next_page_token: 3 },
        headers: {},
        want: { problem: 'next_page_token is not a string' },
      },
    ],
    [
      'link: rel="next" among others',
      {
        p: link,
        json: {},
        headers: { link: '</v1/x?page=p1>; rel="prev", </v1/x?page=p3&size=2>; rel="next"' },
        want: { token: 'p3' },
      },
    ],
    [
      'link: no next ends the walk',
      { p: link, json: {}, headers: { link: '</v1/x?page=p1>; rel="prev"' }, want: {} },
    ],
    [
      'link: next without the token parameter',
      {
        p: link,
        json: {},
        headers: { link: '</v1/x>; rel=next' },
        want: { problem: 'Link rel="next" carries no page' },
      },
    ],
  ])('%s', (_name, { p, json, headers, want }) => {
    expect(nextToken(p, json, headers)).toEqual(want);
  });
});
