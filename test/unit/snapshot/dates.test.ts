import { describe, expect, it } from 'vitest';
import { parseDateLabel, parseDateLabels, yearIn } from '@/lib/snapshot/dates';

describe('parseDateLabel', () => {
  it.each([
    ['2026-10-10', {}, '2026-10-10'],
    ['2026-10-10T14:00', {}, '2026-10-10T14:00'],
    ['2026/10/10', {}, '2026-10-10'],
    ['10/11/2026', {}, '2026-10-11'],
    ['10/11/2026', { locale: 'en-US' }, '2026-10-11'],
    ['10/11/2026', { locale: 'en-GB' }, '2026-11-10'],
    ['10.11.2026', { locale: 'de' }, '2026-11-10'],
    ['23/10/2026', {}, '2026-10-23'],
    ['10/23/26', {}, '2026-10-23'],
    ['Oct 10', { year: 2026 }, '2026-10-10'],
    ['Oct 10, 2026', {}, '2026-10-10'],
    ['October 10th 2026', {}, '2026-10-10'],
    ['10 Oct', { year: 2026 }, '2026-10-10'],
    ['10 Oct 2026', {}, '2026-10-10'],
    ['Mon, Oct 12', { year: 2026 }, '2026-10-12'],
    ['Sept 3', { year: 2026 }, '2026-09-03'],
    ['Oct 2026', {}, '2026-10-01'],
    ["Oct '26", {}, '2026-10-01'],
    ['Oct', { year: 2026 }, '2026-10-01'],
    ['10. Okt. 2026', { locale: 'de' }, '2026-10-10'],
    ['3 déc. 2026', { locale: 'fr' }, '2026-12-03'],
    ['Oct 10, 14:00', { year: 2026 }, '2026-10-10T14:00'],
    ['Oct 10, 2:30 PM', { year: 2026 }, '2026-10-10T14:30'],
  ] as const)('%s %j → %s', (text, opts, want) => {
    expect(parseDateLabel(text, opts)).toBe(want);
  });

  it.each([
    ['Oct 10', {}], // no year anywhere: not guessed
    ['Oct', {}],
    ['Web', { year: 2026 }],
    ['1,234', { year: 2026 }],
    ['Feb 30, 2026', {}],
    ['10-10', { year: 2026 }],
    ['Q3', { year: 2026 }],
    ['', {}],
  ] as const)('%j is not a date', (text, opts) => {
    expect(parseDateLabel(text, opts)).toBeNull();
  });
});

describe('parseDateLabels', () => {
  it('steps back a year across New Year', () => {
    expect(parseDateLabels(['Dec 30', 'Dec 31', 'Jan 1', 'Jan 2'], { year: 2027 }))
      .toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });
  it('takes the year from a label that has one', () => {
    expect(parseDateLabels(['Oct 1', 'Oct 8', 'Oct 15, 2026'])).toEqual(['2026-10-01', '2026-10-08', '2026-10-15']);
  });
  it('leaves non-dates null', () => {
    expect(parseDateLabels(['Oct 1', 'Total'], { year: 2026 })).toEqual(['2026-10-01', null]);
  });
  it('finds a year in text', () => {
    expect(yearIn(['Aug 1 – Oct 23, 2026'])).toBe(2026);
    expect(yearIn(['no year'])).toBeUndefined();
  });
});
