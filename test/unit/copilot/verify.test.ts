import { describe, expect, it } from 'vitest';
import { verifyText, type NumberStatus } from '../../../lib/copilot/verify';
import { splitSentences } from '../../../lib/copilot/sentences';
import type { Evidence, Finding } from '../../../lib/evidence/schema';

// The verifier, table by table: each row is a sentence and the status of every number in it.

const EV: Evidence[] = [
  {
    id: 'E1', chartId: 'act', series: 'Activation rate', unit: '%',
    claim: '“Activation rate” fell 15.3% from Oct 10, 2026: average 41.2% over 28 points before vs 34.9% over 21 points from then on.',
    values: { before: 41.2, after: 34.9, changePp: -6.3, changePct: -15.2913, noiseMultiple: 6.2, nBefore: 28, nAfter: 21 },
    points: ['2026-09-12', '2026-10-09', '2026-10-10', '2026-10-30'], method: 'level-shift/binary-segmentation', confidence: 0.86,
  },
  {
    id: 'E2', chartId: 'rev', series: 'Revenue', unit: 'USD',
    claim: '“Revenue”, last 7 days (Oct 24, 2026 to Oct 30, 2026) vs the 7 days before: total $12.3K vs $6,100, up 102.4%.',
    values: { current: 12345, previous: 6100, change: 6245, changePct: 102.377, windowDays: 7 },
    points: ['2026-10-24', '2026-10-30', '2026-10-17', '2026-10-23'], method: 'period/last-7-days-vs-previous-7', confidence: 0.95,
  },
  {
    id: 'E3', chartId: 'users', series: 'Users', claim: '“Users” (“Top 10 pages”) was 2,400,000 in total.',
    values: { total: 2_400_000, ratio: 0.333, nCategories: 5 }, points: ['Home', 'Pricing', 'Docs', 'Blog', 'About'],
    method: 'categorical/top-bottom-share', confidence: 1,
  },
  {
    id: 'E4', chartId: 'act', series: 'Activation rate', unit: '%',
    claim: 'Shares.', values: { 'Free share': 62.5, 'Pro share': 30.1, 'Team share': 7.4 },
    points: ['Free', 'Pro', 'Team'], method: 'categorical/share-of-total', confidence: 1,
  },
];

const FINDINGS: Finding[] = [{
  id: 'F1', chartId: 'act', series: 'Activation rate', kind: 'level-shift', at: '2026-10-10', before: 41.2, after: 34.9,
  changePct: -15.2913, unit: '%', confidence: 0.86, evidenceIds: ['E1'], title: 'Activation rate fell 15.3% from Oct 10, 2026',
  caveats: [], score: 13,
}];

type Row = [text: string, expected: Array<[string, NumberStatus]>];

function check(rows: Row[], opts: Parameters<typeof verifyText>[2] = {}) {
  for (const [text, expected] of rows) {
    const r = verifyText(text, EV, { findings: FINDINGS, ...opts });
    expect(r.numbers.map((n) => [n.text, n.status]), text).toEqual(expected);
  }
}

describe('verifyText', () => {
  it('rounding: the written precision decides', () => {
    check([
      ['Activation fell 15.3% [E1].', [['15.3%', 'ok']]],
      ['Activation fell 15% [E1].', [['15%', 'ok']]],
      ['Activation fell 15.29% [E1].', [['15.29%', 'ok']]],
      ['Activation fell 15.2% [E1].', [['15.2%', 'unsupported']]],
      ['Activation fell 16% [E1].', [['16%', 'unsupported']]],
      ['Activation fell about 16% [E1].', [['16%', 'ok']]],
      ['Activation fell more than 15% [E1].', [['15%', 'ok']]],
      ['Activation fell less than 15% [E1].', [['15%', 'unsupported']]],
    ]);
  });

  it('units: money with suffixes, thousands separators, ratios said as percents, multipliers', () => {
    check([
      ['Revenue was $12.3K [E2].', [['$12.3K', 'ok']]],
      ['Revenue was $12,345 [E2].', [['$12,345', 'ok']]],
      ['Revenue was $12K [E2].', [['$12K', 'ok']]],
      ['Revenue was $13K [E2].', [['$13K', 'unsupported']]],
      ['Revenue was €12.3K [E2].', [['€12.3K', 'unsupported']]],
      ['Users reached 2.4M [E3].', [['2.4M', 'ok']]],
      ['Users reached 2.4 million [E3].', [['2.4 million', 'ok']]],
      ['A ratio of 33.3% [E3].', [['33.3%', 'ok']]],
      ['Revenue grew 2x [E2].', [['2x', 'ok']]],
      ['Revenue grew 2.02x [E2].', [['2.02x', 'ok']]],
      ['Revenue grew 3x [E2].', [['3x', 'unsupported']]],
      ['Revenue doubled [E2].', [['doubled', 'ok']]],
      ['Revenue tripled [E2].', [['tripled', 'unsupported']]],
      ['A third of users [E3].', [['A third', 'ok']]],
      ['Half of users [E3].', [['Half', 'unsupported']]],
      ['The step is 6.2 times the noise [E1].', [['6.2 times', 'ok']]],
    ]);
  });

  it('percent vs percentage points', () => {
    check([
      ['Activation fell 6.3 percentage points [E1].', [['6.3 percentage points', 'ok']]],
      ['Activation fell 6.3 pp [E1].', [['6.3 pp', 'ok']]],
      ['Activation fell 6.3% [E1].', [['6.3%', 'unsupported']]],
      ['Activation fell 15.3 percentage points [E1].', [['15.3 percentage points', 'unsupported']]],
      ['Free leads Pro by 32.4 pp [E4].', [['32.4 pp', 'ok']]],
    ]);
  });

  it('ranges', () => {
    check([
      ['Activation was between 34.9% and 41.2% [E1].', [['34.9% and 41.2%', 'ok']]],
      ['Activation was 34.9–41.2% [E1].', [['34.9–41.2%', 'ok']]],
      ['Activation fell 15–16% [E1].', [['15–16%', 'ok']]],
      ['Activation fell 10–20% [E1].', [['10–20%', 'unsupported']]],
      ['Revenue was $6.1K–$12.3K [E2].', [['$6.1K–$12.3K', 'ok']]],
    ]);
  });

  it('negative numbers: a written sign must match', () => {
    check([
      ['Change: -15.3% [E1].', [['-15.3%', 'ok']]],
      ['Change: −15.3% [E1].', [['−15.3%', 'ok']]],
      ['Change: +15.3% [E1].', [['+15.3%', 'unsupported']]],
      ['Revenue change: +102.4% [E2].', [['+102.4%', 'ok']]],
      ['Revenue change: -102.4% [E2].', [['-102.4%', 'unsupported']]],
    ]);
  });

  it('numbers in dates match the evidence points', () => {
    check([
      ['It started on Oct 10 [E1].', [['Oct 10', 'ok']]],
      ['It started on October 10, 2026 [E1].', [['October 10, 2026', 'ok']]],
      ['It started on 10 Oct 2026 [E1].', [['10 Oct 2026', 'ok']]],
      ['It started on 2026-10-10 [E1].', [['2026-10-10', 'ok']]],
      ['It started on 10/10 [E1].', [['10/10', 'ok']]],
      ['It started on Oct 11 [E1].', [['Oct 11', 'unsupported']]],
      ['It started on 2025-10-10 [E1].', [['2025-10-10', 'unsupported']]],
      ['The last 7 days ran Oct 24–30 [E2].', [['7 days', 'ok'], ['Oct 24–30', 'ok']]],
      ['In Oct 2026 it fell [E1].', [['Oct 2026', 'ok']]],
    ]);
  });

  it('durations and windows, ranks and names', () => {
    check([
      ['Over the last 7 days revenue doubled [E2].', [['7 days', 'ok'], ['doubled', 'ok']]],
      ['A 7-day total of $12.3K [E2].', [['7-day', 'ok'], ['$12.3K', 'ok']]],
      ['The last 30 days [E2].', [['30 days', 'unsupported']]],
      ['It has lasted 3 weeks [E1].', [['3 weeks', 'ok']]],
      ['Step 2 loses users [E4].', [['2', 'ok']]],
      ['The top 3 plans [E4].', [['3', 'ok']]],
      ['The top 9 plans [E4].', [['9', 'unsupported']]],
      ['It ranks 1st [E4].', [['1st', 'ok']]],
      ['The chart “Top 10 pages” totals 2.4M [E3].', [['2.4M', 'ok']]],
      // A quoted name the evidence does not use is read like any text: "top 11" of five pages.
      ['The chart “Top 11 pages” totals 2.4M [E3].', [['11', 'unsupported'], ['2.4M', 'ok']]],
    ]);
  });

  it('made-up numbers and missing citations', () => {
    check([
      ['Signups were 1,234 [E1].', [['1,234', 'unsupported']]],
      ['Activation fell 15.3%.', [['15.3%', 'unsupported']]],
      ['Our GA4 property shows Q3 results [E1].', []],
      ['Support runs 24/7 [E1].', []],
      ['Pages load in 380ms [E1].', [['380ms', 'unsupported']]],
      ['Before: 41.2%; after: **34.9%** (−6.3 pp) [E1].', [['41.2%', 'ok'], ['34.9%', 'ok'], ['−6.3 pp', 'ok']]],
      ['1. Activation fell 15.3% [E1].', [['15.3%', 'ok']]],
    ]);
  });

  it('wrong ids and wrong charts', () => {
    check([
      ['Activation fell 15.3% [E9].', [['15.3%', 'unknown-citation']]],
      ['Activation fell 15.3% [E1, E9].', [['15.3%', 'unknown-citation']]],
      ['Activation fell 15.3% [F7].', [['15.3%', 'unknown-citation']]],
      ['Activation fell 15.3% [F1].', [['15.3%', 'ok']]],
    ]);
    check([
      ['Revenue was $12.3K [E2].', [['$12.3K', 'wrong-chart']]],
      ['Activation fell 15.3% [E1][E2].', [['15.3%', 'ok']]],
      ['Revenue was $99K [E2].', [['$99K', 'unsupported']]],
    ], { chartId: 'act' });
  });

  it('citation markers: numbers inside are not claims; several forms; markers after the stop', () => {
    const r = verifyText('Activation fell 15.3%. [E1]\nRevenue doubled [E2; E1]. It was $12.3K [E1][E2].', EV);
    expect(r.numbers.map((n) => [n.text, n.status, n.cites])).toEqual([
      ['15.3%', 'ok', ['E1']],
      ['doubled', 'ok', ['E2', 'E1']],
      ['$12.3K', 'ok', ['E1', 'E2']],
    ]);
    expect(r.ok).toBe(true);
    expect(r.unsupported).toBe(0);
  });

  it('reports offsets, the sentence, the matched evidence, and counts what is not ok', () => {
    const text = 'Activation fell 15.3% [E1]. Revenue was $1 [E2].';
    const r = verifyText(text, EV);
    expect(text.slice(r.numbers[0].start, r.numbers[0].end)).toBe('15.3%');
    expect(r.numbers[0]).toMatchObject({ value: 15.3, unit: '%', matchedEvidence: 'E1', sentence: 'Activation fell 15.3% [E1].' });
    expect(r.unsupported).toBe(1);
    expect(r.ok).toBe(false);
    expect(verifyText('Nothing here [E77].', EV).unknownCitations).toEqual(['E77']);
  });
});

describe('splitSentences', () => {
  it('keeps decimals, abbreviations and trailing markers inside a sentence', () => {
    const s = splitSentences('Revenue vs. last week rose 2.5% [E2]. Activation fell, e.g. on Oct. 10. [E1]\n- Next item');
    expect(s.map((x) => x.cites)).toEqual([['E2'], ['E1'], []]);
    expect(s[0].text).toBe('Revenue vs. last week rose 2.5% [E2].');
  });
});
