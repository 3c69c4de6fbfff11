import { describe, expect, it } from 'vitest';
import { matchNotes, urlMatches } from '@/lib/learning';
import { BOARD, note } from './fixtures';

describe('urlMatches', () => {
  it.each([
    ['*', BOARD, true],
    ['https://app.example.test/project/42/*', BOARD, true],
    ['HTTPS://APP.EXAMPLE.TEST/project/42/*', BOARD, true],
    ['app.example.test/project/*/board/growth', BOARD, true],
    ['https://app.example.test/project/42/board/growth', BOARD, true], // exact, cache-buster and fragment ignored
    ['https://app.example.test/project/42/board/growth/', BOARD, true], // trailing slash tolerated
    ['https://app.example.test/project/7/*', BOARD, false],
    ['https://app.example.test/project/42/board/growth-old', BOARD, false],
    ['https://other.test/*', BOARD, false],
    ['app.example.test/project/42', BOARD, false], // no wildcard: the whole board URL must match
    ['https://app.example.test/project/4.*', BOARD, false], // "." is literal, not a regex wildcard
    ['http://127.0.0.1:5173/dashboards/growth/*', 'http://127.0.0.1:5173/dashboards/growth/', true], // the board its folder pattern names
    ['http://127.0.0.1:5173/dashboards/growth/*', 'http://127.0.0.1:5173/dashboards/growth-old/', false],
  ])('%s on %s → %s', (pattern, url, expected) => {
    expect(urlMatches(pattern, url)).toBe(expected);
  });
});

describe('matchNotes', () => {
  const here = (n: Parameters<typeof note>[0]) => note({ dashboard: 'https://app.example.test/project/42/board/*', ...n });
  const notes = [
    note({ uid: 'board', text: 'Activation is measured on day 7', dashboard: 'app.example.test/project/42/*' }),
    here({ uid: 'chart', text: 'Chart is sampled', scope: { chart: 'activation' } }),
    here({ uid: 'title', text: 'Title-scoped', scope: { chart: 'activation*' } }),
    here({ uid: 'series', text: 'Mobile only', scope: { chart: 'activation', series: 'activation RATE' } }),
    here({ uid: 'other-chart', text: 'Revenue in USD', scope: { chart: 'revenue' } }),
    here({ uid: 'metric', text: 'MRR excludes refunds', scope: { metric: 'mrr' } }),
    note({ uid: 'elsewhere', text: 'Other board', dashboard: 'https://other.test/*' }),
  ];
  const uids = (q: Parameters<typeof matchNotes>[1]) => matchNotes(notes, q).map((m) => m.note.uid);

  it.each([
    ['the whole board sees every note of the board', { url: BOARD }, ['chart', 'metric', 'series', 'title', 'board', 'other-chart']],
    ['a chart sees its own and unscoped notes', { url: BOARD, chartId: 'activation', chartTitle: 'Activation rate' }, ['chart', 'series', 'title', 'board']],
    ['a series of it narrows series scopes', { url: BOARD, chartId: 'activation', chartTitle: 'Activation', series: 'Activation rate' }, ['series', 'chart', 'title', 'board']],
    ['another series leaves the series note out', { url: BOARD, chartId: 'activation', series: 'Signups' }, ['chart', 'title', 'board']],
    ['a chart matched by title wildcard', { url: BOARD, chartId: 'c9', chartTitle: 'Activation by week' }, ['title', 'board']],
    ['a KPI tile sees its metric note only', { url: BOARD, metric: 'MRR' }, ['metric', 'board']],
    ['another board sees none of these', { url: 'https://nowhere.test/x' }, []],
  ])('%s', (_label, query, expected) => {
    expect(uids(query).sort()).toEqual([...expected].sort());
  });

  it('puts the most specific notes first and says what matched', () => {
    const m = matchNotes(notes, { url: BOARD, chartId: 'activation', series: 'Activation rate' });
    expect(m[0]).toMatchObject({ note: { uid: 'series' }, matchedOn: ['dashboard', 'chart', 'series'] });
    expect(m.at(-1)).toMatchObject({ note: { uid: 'board' }, matchedOn: ['dashboard'] });
  });
});
